package io.convoc.letters;

import io.convoc.core.event.Programme;
import io.convoc.core.registration.Registration;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything one letter shows.
 *
 * @param reference the letter's reference number, e.g. {@code ANRA-2024/0153}, printed "N° …" / "رقم …"
 * @param version   1 for the first letter of a registration, incremented each time it is issued again
 * @param issuedOn  the date printed on the letter (and in its metadata): never the clock, so that a letter
 *                  rendered twice is the same file
 * @param qrPayload the text encoded in the QR code (a verification URL, given by the caller)
 */
public record InvitationLetter(
        Programme programme,
        Registration registration,
        String reference,
        int version,
        LocalDate issuedOn,
        String qrPayload) {

    public InvitationLetter {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(qrPayload, "qrPayload");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("reference is blank");
        }
        if (qrPayload.isEmpty()) {
            throw new IllegalArgumentException("qrPayload is empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more: " + version);
        }
        if (!registration.eventId().equals(programme.event().id())) {
            throw new IllegalArgumentException("registration " + registration.id() + " is for event "
                    + registration.eventId() + ", not " + programme.event().id());
        }
    }
}
