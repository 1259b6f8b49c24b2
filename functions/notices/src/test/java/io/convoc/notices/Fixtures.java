package io.convoc.notices;

import io.convoc.localcloud.SampleData;
import io.convoc.core.event.Programme;
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
import java.util.List;
import java.util.Random;

/** The sample event of the project (events/data/assises-2024.json) and invitees to write to. */
public final class Fixtures {
    public static final String REFERENCE = "ANRA-2024/0153";
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

    /** Bytes that look like a PDF to anyone who checks the magic number, with every byte value in them. */
    public static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, size));
        return bytes;
    }
}
