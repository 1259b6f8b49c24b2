package io.convoc.notices.calendar;

import java.util.Locale;
import java.util.Objects;

/**
 * An iCalendar document (RFC 5545) as sent: UTF-8, CRLF line ends, long lines folded.
 *
 * @param method PUBLISH (the person's sessions as they stand) or CANCEL (a session that no longer takes place)
 */
public record CalendarFile(Method method, byte[] content) {

    /** The iTIP method (RFC 5546) of the calendar: mail clients read it from the MIME type too. */
    public enum Method { PUBLISH, CANCEL }

    public CalendarFile {
        Objects.requireNonNull(method, "method");
        content = Objects.requireNonNull(content, "content").clone();
    }

    /** A copy. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** {@code text/calendar; charset=UTF-8; method=PUBLISH}: what Gmail and Outlook read in a message. */
    public String contentType() {
        return "text/calendar; charset=UTF-8; method=" + method.name();
    }

    /** e.g. {@code publish.ics}, for a download or an attachment. */
    public String fileName() {
        return method.name().toLowerCase(Locale.ROOT) + ".ics";
    }
}
