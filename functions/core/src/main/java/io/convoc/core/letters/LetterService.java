package io.convoc.core.letters;

import io.convoc.core.event.Programme;
import io.convoc.core.event.UnknownEvent;
import io.convoc.core.ports.LetterArchive;
import io.convoc.core.ports.LetterPrinter;
import io.convoc.core.ports.LetterReferences;
import io.convoc.core.ports.ProgrammeRepository;
import io.convoc.core.ports.RegistrationRepository;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.Registration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Produces a registration's invitation letter when it arrives, and a new version when something the
 * letter prints changes. Safe to run twice on the same change: the letter's content, reference and key
 * derive from the change itself, and recording it is conditional on the version it replaces.
 */
public class LetterService {
    private final ProgrammeRepository programmes;
    private final RegistrationRepository registrations;
    private final LetterReferences references;
    private final LetterArchive archive;
    private final LetterPrinter printer;
    private final QrTokens tokens;
    private final String verifyBaseUrl;
    private final Clock clock;

    public LetterService(ProgrammeRepository programmes, RegistrationRepository registrations,
                         LetterReferences references, LetterArchive archive, LetterPrinter printer,
                         QrTokens tokens, String verifyBaseUrl, Clock clock) {
        this.programmes = programmes;
        this.registrations = registrations;
        this.references = references;
        this.archive = archive;
        this.printer = printer;
        this.tokens = tokens;
        this.verifyBaseUrl = verifyBaseUrl.endsWith("/") ? verifyBaseUrl.substring(0, verifyBaseUrl.length() - 1)
                : verifyBaseUrl;
        this.clock = clock;
    }

    /** What a change to a registration asks of its letter. */
    public enum Outcome { PRODUCED, ALREADY_PRODUCED, UNCHANGED }

    /**
     * @param before the registration before the change, or null when it was just created
     * @param changed the registration after the change
     */
    public Outcome onChange(Registration before, Registration changed) {
        Registration after = changed;
        int current = after.currentLetter().map(LetterInfo::version).orElse(0);
        // A new registration needs its first letter; after that only a change of what the letter prints
        // does. Status changes (ours included: LETTER_READY, LETTER_FAILED) never do, or a failure would loop.
        boolean needed = before == null ? current == 0 : printedFieldsDiffer(before, after);
        if (!needed) {
            return Outcome.UNCHANGED;
        }
        // the letter this change asks for may already be recorded (a replay, or a later change got there)
        Registration latest = registrations.find(after.id()).orElse(after);
        int latestVersion = latest.currentLetter().map(LetterInfo::version).orElse(0);
        if (latestVersion > current) {
            if (latest.letter().scheduleChange() >= after.scheduleChange()) {
                return Outcome.ALREADY_PRODUCED;
            }
            // a letter was recorded since this record's image, but from before the programme change it asks to
            // show: the next version is made from the registration as it is now
            after = latest;
            current = latestVersion;
        }
        String eventId = after.eventId();
        Programme programme = programmes.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        int version = current + 1;
        String reference = String.format("%s/%04d", programme.event().referencePrefix(),
                references.numberFor(after.eventId(), after.id()));
        // dates come from the change, not from the clock, so that a replay renders the same bytes
        InvitationLetter request = new InvitationLetter(programme, after, reference, version,
                after.updatedAt().atZone(programme.event().zone()).toLocalDate(),
                verifyBaseUrl + "/api/verify/" + tokens.sign(after.id(), version));
        byte[] pdf = printer.print(request);
        String sha256 = sha256(pdf);
        String key = "letters/" + after.eventId() + "/" + after.id() + "/v" + version + ".pdf";
        archive.store(key, pdf, sha256);
        LetterInfo letter = new LetterInfo(version, reference, key, sha256, after.updatedAt(), after.scheduleChange());
        return registrations.recordLetter(after.id(), current, letter, clock.instant())
                ? Outcome.PRODUCED : Outcome.ALREADY_PRODUCED;
    }

    /** After retries ran out: the registration shows that its letter failed, and why. */
    public void onFailure(Registration registration, String reason) {
        registrations.recordLetterFailure(registration.id(), reason, clock.instant());
    }

    /**
     * The fields an invitation letter prints: a change in any of them makes a new version. A programme change that
     * concerns the person raises {@code scheduleChange}: the letter prints the sessions they attend.
     */
    static boolean printedFieldsDiffer(Registration a, Registration b) {
        return !Objects.equals(printed(a), printed(b));
    }

    private static List<Object> printed(Registration r) {
        return List.of(Optional.ofNullable(r.civility()), r.name(), r.titleFr(), r.titleAr(), r.organisation(),
                r.category(), r.workshops(), r.languages(), r.scheduleChange());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
