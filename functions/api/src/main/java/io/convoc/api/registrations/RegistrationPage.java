package io.convoc.api.registrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of registrations; pass {@code nextCursor} as {@code cursor} to get the next one. */
@Serdeable
public record RegistrationPage(List<RegistrationView> items, @Nullable String nextCursor) {
}
