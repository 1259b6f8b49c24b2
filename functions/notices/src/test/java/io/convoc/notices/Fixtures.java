package io.convoc.notices;

import io.convoc.localcloud.SampleData;
import io.convoc.core.announcements.Announcement;
import io.convoc.core.announcements.AnnouncementCounters;
import io.convoc.core.announcements.AnnouncementState;
import io.convoc.core.announcements.Audience;
import io.convoc.core.notifications.Channel;
import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;
import io.convoc.core.event.SessionStatus;
import io.convoc.core.programme.ProgrammeChange;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The sample event of the project (events/data/assises-2024.json), invitees to write to, changes to its programme. */
public final class Fixtures {
    public static final String REFERENCE = "ANRA-2024/0153";
    /** A workshop the {@link #invitee} attends: Friday 20 December 2024, 15:00–18:00, Salle 1. */
    public static final String WORKSHOP = "ws-attractivite";
    private static Programme assises;

    private Fixtures() {
    }

    /** The Assises as in the project's sample data, eight sessions with six workshops. */
    public static synchronized Programme assises() {
        if (assises == null) {
            assises = SampleData.assises();
        }
        return assises;
    }

    public static Registration invitee(LanguagePreference languages) {
        return invitee(Civility.MONSIEUR, new PersonName("Karim", "Alaoui", "كريم العلوي"), "karim.alaoui@example.ma",
                languages);
    }

    public static Registration invitee(Civility civility, PersonName name, String email, LanguagePreference languages) {
        Instant at = Instant.parse("2024-11-20T10:00:00Z");
        return new Registration("reg-0153", "assises-2024", civility, name, "Président du Conseil",
                "رئيس المجلس", Category.REGION_PRESIDENT, "Conseil de la Région", Region.TANGER_TETOUAN_AL_HOCEIMA,
                email, "+212612345678", languages, List.of("ws-attractivite", "ws-numerique"), RegistrationSource.FORM,
                RegistrationStatus.LETTER_READY, null,
                new LetterInfo(1, REFERENCE, "letters/reg-0153/v1.pdf", "0".repeat(64), at), at, at);
    }

    /** Change number 1 of the Assises: {@code edit} applied to a session, which thereby gets its next version. */
    public static ProgrammeChange change(String sessionId, UnaryOperator<ProgrammeSession> edit) {
        ProgrammeSession before = assises().session(sessionId).orElseThrow();
        ProgrammeSession after = edit.apply(before).withVersion(before.version() + 1);
        Instant at = Instant.parse("2024-12-01T09:00:00Z");
        return new ProgrammeChange("assises-2024", 1, sessionId, before, after, after.version(), at.minusSeconds(600), at,
                null);
    }

    /** The {@link #WORKSHOP} an hour later (16:00–19:00), in Salle 4. */
    public static ProgrammeChange moved() {
        return change(WORKSHOP, s -> new ProgrammeSession(s.id(), s.kind(), s.title(), s.start().plusHours(1),
                s.end().plusHours(1), Bilingual.of("Salle 4", "القاعة 4"), s.status(), s.version()));
    }

    /** The {@link #WORKSHOP} cancelled. */
    public static ProgrammeChange cancelled() {
        return change(WORKSHOP, s -> new ProgrammeSession(s.id(), s.kind(), s.title(), s.start(), s.end(), s.room(),
                SessionStatus.CANCELLED, s.version()));
    }

    /** A plenary added on Saturday 21 December 2024, 13:30–14:30, in the plenary room. */
    public static ProgrammeChange added() {
        ProgrammeSession session = new ProgrammeSession("keynote", SessionKind.PLENARY,
                Bilingual.of("Conférence inaugurale", "المحاضرة الافتتاحية"), LocalDateTime.of(2024, 12, 21, 13, 30),
                LocalDateTime.of(2024, 12, 21, 14, 30), Bilingual.of("Salle plénière", "القاعة الكبرى"));
        Instant at = Instant.parse("2024-12-01T09:00:00Z");
        return new ProgrammeChange("assises-2024", 1, session.id(), null, session, session.version(), at, at, null);
    }

    /** The notice of {@code change} to the {@link #invitee}, with the programme as the change left it. */
    public static ScheduleChange scheduleChange(ProgrammeChange change, LanguagePreference languages) {
        return new ScheduleChange(assises().with(change.after()), invitee(languages), change);
    }

    /** Bytes that look like a PDF to anyone who checks the magic number, with every byte value in them. */
    public static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, size));
        return bytes;
    }

    /** Announcement {@code number} of the Assises by e-mail to everyone, being sent, with this body. */
    public static Announcement announcement(int number, String bodyFr, String bodyAr) {
        return announcement(number, Bilingual.of("Informations pour ((name))", "معلومات إلى ((name))"),
                Bilingual.of(bodyFr, bodyAr));
    }

    public static Announcement announcement(int number, Bilingual subject, Bilingual body) {
        Instant at = Instant.parse("2024-12-10T09:00:00Z");
        return new Announcement(number, "assises-2024", subject, body, null, Set.of(Channel.EMAIL), Audience.everyone(),
                AnnouncementState.SENDING, at, "organisateur.dgct", at, at, AnnouncementCounters.NONE, null, false, null);
    }
}
