package io.convoc.notices.email;

import io.convoc.core.registration.LanguagePreference;
import io.convoc.notices.AlreadyRegistered;
import io.convoc.notices.Confirmation;
import io.convoc.notices.Fixtures;
import io.convoc.notices.Notice;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Writes a sample email (.eml, .html, .txt, and its calendar .ics) for a person to look at:
 * {@code SampleEmails <dir> [FR|AR|BOTH|BOTH_AR_FIRST] [linked|attached] [moved|cancelled|added|already-registered]}
 * ("linked": a letter too large to attach; the last argument makes it the schedule-change notice of that change, or the
 * "already registered" notice, else a confirmation).
 */
public final class SampleEmails {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/samples");
        LanguagePreference pref = args.length > 1 ? LanguagePreference.valueOf(args[1]) : LanguagePreference.BOTH;
        boolean linked = args.length > 2 && args[2].equals("linked");
        Notice notice = args.length < 4 ? new Confirmation(Fixtures.assises(), Fixtures.invitee(pref))
                : args[3].equals("already-registered") ? new AlreadyRegistered(Fixtures.assises(), Fixtures.invitee(pref))
                : Fixtures.scheduleChange(switch (args[3]) {
                    case "moved" -> Fixtures.moved();
                    case "cancelled" -> Fixtures.cancelled();
                    case "added" -> Fixtures.added();
                    default -> throw new IllegalArgumentException("no such sample change: " + args[3]);
                }, pref);
        Files.createDirectories(dir);
        EmailComposer composer = new EmailComposer(EmailSettings.builder()
                .from("noreply@convoc.example.ma", "Assises de la régionalisation | المناظرة الوطنية للجهوية")
                .replyTo("contact@convoc.example.ma")
                .maxRawBytes(linked ? 65_536 : EmailSettings.DEFAULT_MAX_RAW_BYTES).build(),
                Clock.fixed(Instant.parse("2024-11-20T10:00:00Z"), ZoneOffset.UTC));
        ComposedEmail email = composer.compose(notice,
                LetterFile.of(Fixtures.REFERENCE, Fixtures.pdf(linked ? 80_000 : 30_000),
                        () -> URI.create("https://convoc.example.ma/api/letters/t/abc")));
        Files.write(dir.resolve("mail.eml"), email.raw());
        Files.writeString(dir.resolve("mail.html"), email.html());
        Files.writeString(dir.resolve("mail.txt"), email.text());
        Files.write(dir.resolve(email.calendar().fileName()), email.calendar().content());
        System.out.println(email.text());
    }
}
