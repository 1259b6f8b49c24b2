package io.convoc.notices.email;

import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationRequest;
import io.convoc.core.registration.RegistrationValidator;
import io.convoc.core.validation.InvalidInput;
import io.convoc.notices.Confirmation;
import io.convoc.notices.Fixtures;
import jakarta.mail.internet.MimeMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names a hostile tester registers (the ones the validator lets through: line breaks and controls never are), in the
 * confirmation e-mail: no header is injected (no Bcc, no second Subject, every header line a known one or folded),
 * and the HTML shows the name as text, never markup.
 */
class HostileNamesEmailTest {
    private static final EmailComposer COMPOSER = new EmailComposer(EmailSettings.builder()
            .from("noreply@convoc.example.ma", "Assises").replyTo("contact@convoc.example.ma").build(),
            Clock.fixed(Instant.parse("2024-11-20T10:00:00Z"), ZoneOffset.UTC));
    private static final byte[] PDF = Fixtures.pdf(2_000);
    private static final List<String> PIECES = List.of("Karim", "Alaoui", "كريم", " ", "\r\n", "\n", "\r",
            "Bcc: victim@example.com", "Subject: x", "=?utf-8?B?PHNjcmlwdD4=?=", "<script>alert(1)</script>",
            "<b>", "&amp;", "\"", "'", "<!--", "]]>", "\u200F", "\u200E", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "=1+1", "@", "%0d%0a", "\\",
            "é", "N’Diaye", "\u202E", "\u0000", "😀");

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void aRegisteredNameNeverInjectsAHeaderNorMarkup(@ForAll("names") String first, @ForAll("names") String last) {
        RegistrationValidator.Valid v;
        try {
            v = new RegistrationValidator().validate(new RegistrationRequest("assises-2024", "Monsieur", first, last,
                    null, null, null, "Expert", null, null, "k@example.ma", null, "both", List.of()), Fixtures.assises());
        } catch (InvalidInput refused) {
            Assume.that(false);
            return;
        }
        Registration invitee = Fixtures.invitee(Civility.MONSIEUR, new PersonName(v.name().firstName(),
                v.name().lastName(), null), "k@example.ma", LanguagePreference.BOTH);
        ComposedEmail email = COMPOSER.compose(new Confirmation(Fixtures.assises(), invitee),
                LetterFile.of(Fixtures.REFERENCE, PDF, () -> URI.create("https://convoc.example.ma/l/t")));
        MimeMessage message = ReadBack.parse(email.raw());
        try {
            assertNull(message.getHeader("Bcc"));
            assertEquals(1, message.getHeader("Subject").length);
            String raw = new String(email.raw(), StandardCharsets.ISO_8859_1);
            String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
            for (String line : head.split("\r\n")) {
                assertTrue(line.startsWith(" ") || line.startsWith("\t") || line.matches("^[A-Za-z-]+: .*"),
                        "header line: " + line);
            }
            Document html = Jsoup.parse(ReadBack.text(message, "text/html"));
            assertTrue(html.select("script").isEmpty(), "a <script> element");
            assertTrue(html.select("b").stream().noneMatch(b -> b.text().isEmpty() && b.parent() != null
                    && v.name().latin().contains("<b>")), "markup from the name");
            String shown = html.text();
            assertTrue(shown.contains(v.name().lastName().strip().replaceAll("\\s+", " ")) || shown.contains(
                    v.name().lastName().strip().toUpperCase(java.util.Locale.FRENCH).replaceAll("\\s+", " ")),
                    "the name is shown as text: " + v.name().lastName());
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
