package io.convoc.core.notifications;

/** What a notice queue carries: which notice to send. The content is built when it is sent. */
public record NoticeMessage(String registrationId, String notificationId) {
}
