package io.convoc.core.event;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A made-up event and invitee (French, Arabic), for the work a function does while it starts, before Lambda's
 * SnapStart snapshot (a letter rendered, an e-mail composed): never stored, sent or shown to anyone.
 */
public final class WarmUpSample {
    private static final Bilingual ANY = Bilingual.of("Assises", "المناظرة");

    private WarmUpSample() {
    }

    public static Programme programme() {
        Event event = new Event("warm-up", ANY, ANY, ANY, ANY, ANY, LocalDate.of(2024, 12, 20),
                LocalDate.of(2024, 12, 21), ZoneId.of("Africa/Casablanca"), List.of(ANY), ANY, ANY, ANY, "WARM-UP");
        ProgrammeSession session = new ProgrammeSession("s", SessionKind.PLENARY, ANY,
                LocalDateTime.of(2024, 12, 20, 9, 30), LocalDateTime.of(2024, 12, 20, 12, 30), ANY);
        return new Programme(event, List.of(session));
    }

    /** An invitee who reads both languages, with no mobile, at an address that cannot exist (RFC 2606). */
    public static Registration registration() {
        Instant at = Instant.parse("2024-11-20T10:00:00Z");
        return new Registration("warm-up", "warm-up", Civility.MADAME,
                new PersonName("Nadia", "Fassi", "نادية الفاسي"), "Experte", "خبيرة", Category.EXPERT, "", null,
                "warm-up@example.invalid", null, null, List.of(), RegistrationSource.FORM, RegistrationStatus.RECEIVED,
                null, null, at, at);
    }
}
