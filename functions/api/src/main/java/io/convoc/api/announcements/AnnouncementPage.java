package io.convoc.api.announcements;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of announcements, newest first; pass {@code nextCursor} as {@code cursor} for the next one. */
@Serdeable
public record AnnouncementPage(List<AnnouncementView> items, @Nullable String nextCursor) {
}
