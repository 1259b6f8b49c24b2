package io.convoc.core.notifications;

public enum Channel { EMAIL, SMS }
