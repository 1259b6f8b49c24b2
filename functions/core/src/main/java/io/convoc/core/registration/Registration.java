package io.convoc.core.registration;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An invitee's registration to an event: who they are, what they attend, and where it stands.
 *
 * @param scheduleChange the number of the last programme change that concerned this person (0: none yet); raising
 *                       it asks for a new letter, which records the change it reflects ({@link LetterInfo#scheduleChange()})
 */
public record Registration(
        String id,
        String eventId,
        Civility civility,
        PersonName name,
        String titleFr,
        String titleAr,
        Category category,
        String organisation,
        Region region,
        String email,
        String mobile,
        LanguagePreference languages,
        List<String> workshops,
        RegistrationSource source,
        RegistrationStatus status,
        String statusReason,
        LetterInfo letter,
        Instant createdAt,
        Instant updatedAt,
        int scheduleChange) {

    /** A registration no programme change has concerned yet. */
    public Registration(String id, String eventId, Civility civility, PersonName name, String titleFr, String titleAr,
                        Category category, String organisation, Region region, String email, String mobile,
                        LanguagePreference languages, List<String> workshops, RegistrationSource source,
                        RegistrationStatus status, String statusReason, LetterInfo letter, Instant createdAt,
                        Instant updatedAt) {
        this(id, eventId, civility, name, titleFr, titleAr, category, organisation, region, email, mobile, languages,
                workshops, source, status, statusReason, letter, createdAt, updatedAt, 0);
    }

    public Registration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(email, "email");
        titleFr = titleFr == null ? "" : titleFr;
        titleAr = titleAr == null ? "" : titleAr;
        organisation = organisation == null ? "" : organisation;
        workshops = workshops == null ? List.of() : List.copyOf(workshops);
        languages = languages == null ? LanguagePreference.BOTH : languages;
    }

    /** Uniqueness key of a registration within its event: e-mail addresses compare without case. */
    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Sort key in protocol order: category rank, then family name, first name, and the id to keep it unique.
     * Names are folded so that "Élodie" sorts with "Elodie".
     */
    public String protocolKey() {
        return category.rank() + "#" + fold(name.lastName().isBlank() ? name.arabicName() : name.lastName())
                + "#" + fold(name.firstName()) + "#" + id;
    }

    public Optional<LetterInfo> currentLetter() {
        return Optional.ofNullable(letter);
    }

    public Optional<String> mobileNumber() {
        return mobile == null || mobile.isBlank() ? Optional.empty() : Optional.of(mobile);
    }

    public Registration withStatus(RegistrationStatus newStatus, String reason, Instant at) {
        return new Registration(id, eventId, civility, name, titleFr, titleAr, category, organisation, region,
                email, mobile, languages, workshops, source, newStatus, reason, letter, createdAt, at, scheduleChange);
    }

    public Registration withLetter(LetterInfo newLetter, Instant at) {
        return new Registration(id, eventId, civility, name, titleFr, titleAr, category, organisation, region,
                email, mobile, languages, workshops, source, RegistrationStatus.LETTER_READY, null, newLetter,
                createdAt, at, scheduleChange);
    }

    static String fold(String s) {
        String decomposed = java.text.Normalizer.normalize(s.strip(), java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT).replace('#', ' ');
    }
}
