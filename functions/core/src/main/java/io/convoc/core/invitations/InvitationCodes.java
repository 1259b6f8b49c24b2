package io.convoc.core.invitations;

import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.InvitationCodeRepository;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Region;
import io.convoc.core.validation.Choices;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.InvalidInput;
import io.convoc.core.validation.TextRules;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Organizers' invitation codes: one per delegation, with the category it grants, a usage limit and an expiry. */
public class InvitationCodes {
    public static final int MAX_USES = 5_000;
    static final int MAX_DELEGATION = 200;
    static final java.time.Duration DEFAULT_VALIDITY = java.time.Duration.ofDays(30);
    static final java.time.Duration MAX_VALIDITY = java.time.Duration.ofDays(366);
    // no 0/O, 1/I/L, 5/S, 8/B: read aloud over the phone or copied from paper without mistakes
    private static final char[] ALPHABET = "ACDEFGHJKMNPQRTUVWXYZ234679".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProgrammeRepository programmes;
    private final InvitationCodeRepository codes;
    private final Clock clock;

    public InvitationCodes(ProgrammeRepository programmes, InvitationCodeRepository codes, Clock clock) {
        this.programmes = programmes;
        this.codes = codes;
        this.clock = clock;
    }

    public InvitationCode create(String eventId, InvitationCodeDraft draft, String createdBy) {
        Programme programme = programmes.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        List<FieldError> errors = new ArrayList<>();
        String delegation = TextRules.clean(draft.delegation());
        if (delegation == null || delegation.isBlank()) {
            errors.add(FieldError.of("delegation", "required"));
        } else {
            TextRules.check("delegation", delegation, MAX_DELEGATION, errors);
        }
        Category category = null;
        if (draft.category() == null || draft.category().isBlank()) {
            errors.add(FieldError.of("category", "required"));
        } else {
            category = Choices.parse(Category.class, draft.category()).orElse(null);
            if (category == null) {
                errors.add(FieldError.of("category", "unknown_value", draft.category().strip()));
            }
        }
        Region region = null;
        if (draft.region() != null && !draft.region().isBlank()) {
            region = Choices.parse(Region.class, draft.region()).orElse(null);
            if (region == null) {
                errors.add(FieldError.of("region", "unknown_value", draft.region().strip()));
            }
        }
        int maxUses = 0;
        try {
            maxUses = Integer.parseInt(draft.maxUses() == null ? "" : draft.maxUses().strip());
            if (maxUses < 1 || maxUses > MAX_USES) {
                errors.add(FieldError.of("maxUses", "out_of_range", 1, MAX_USES));
            }
        } catch (NumberFormatException e) {
            errors.add(FieldError.of("maxUses", draft.maxUses() == null ? "required" : "wrong_type", "integer"));
        }
        Instant now = clock.instant();
        // by default a code works until the event is over (for an event already past, such as sample data, a month)
        Instant eventEnd = programme.event().endDate().plusDays(1).atStartOfDay(programme.event().zone()).toInstant();
        Instant expiresAt = eventEnd.isAfter(now) ? eventEnd : now.plus(DEFAULT_VALIDITY);
        Instant latest = now.plus(MAX_VALIDITY);
        if (draft.expiresAt() != null && !draft.expiresAt().isBlank()) {
            try {
                expiresAt = Instant.parse(draft.expiresAt().strip());
                if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
                    errors.add(FieldError.of("expiresAt", "out_of_range", now.toString(), latest.toString()));
                }
            } catch (DateTimeParseException e) {
                errors.add(FieldError.of("expiresAt", "invalid_datetime", draft.expiresAt().strip()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        while (true) {
            InvitationCode code = new InvitationCode(eventId, newCode(), delegation, category, region, maxUses, 0,
                    expiresAt, createdBy, now);
            if (codes.create(code)) {
                return code;
            }
        }
    }

    public List<InvitationCode> list(String eventId) {
        programmes.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        return codes.list(eventId);
    }

    public Optional<InvitationCode> find(String eventId, String code) {
        return codes.find(eventId, normalise(code));
    }

    /** Codes are typed by people: case and dashes or spaces between the groups do not matter. */
    public static String normalise(String typed) {
        String letters = typed == null ? "" : typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
        return letters.length() == 12 ? letters.substring(0, 4) + "-" + letters.substring(4, 8) + "-"
                + letters.substring(8) : letters;
    }

    /** 12 characters of a 27-letter alphabet (57 bits), written XXXX-XXXX-XXXX. */
    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
