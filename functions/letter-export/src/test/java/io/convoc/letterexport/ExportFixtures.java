package io.convoc.letterexport;

import io.convoc.aws.dynamo.RegistrationTable;
import io.convoc.core.event.Programme;
import io.convoc.core.letters.InvitationLetter;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LetterInfo;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;
import io.convoc.letters.LetterRenderer;
import io.convoc.letters.SampleLetters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Many letters, made quickly: two real letters rendered once (one page, and several pages), stored under each
 * registration's letter key and recorded as on-registration records them, each with its own reference.
 */
final class ExportFixtures {
    /** The reference printed in the one-page sample, and in the longer one. */
    static final String SHORT_SAMPLE = "ANRA-2024/0153";
    static final String LONG_SAMPLE = "ANRA-2024/0777";
    static final byte[] SHORT = LetterRenderer.shared().render(SampleLetters.presidentLetter());
    static final byte[] LONG = LetterRenderer.shared().render(longLetter());

    private static final String[][] NAMES = {
            {"Fatima Zahra", "El Idrissi", "فاطمة الزهراء الإدريسي"}, {"Mohammed", "Benjelloun", "محمد بنجلون"},
            {"Amina", "Alaoui", "أمينة العلوي"}, {"Youssef", "Tazi", "يوسف التازي"},
            {"Khadija", "Berrada", "خديجة برادة"}, {"Hicham", "Ouazzani", "هشام الوزاني"},
            {"Nadia", "Bennani", "نادية بناني"}, {"Abdelilah", "Chraïbi", "عبد الإله الشرايبي"},
            {"Salma", "Lahlou", "سلمى لحلو"}, {"Omar", "Fassi-Fihri", "عمر الفاسي الفهري"},
            {"Élodie", "Durand", ""}, {"", "", "إدريس الحسني"}};

    private ExportFixtures() {
    }

    private static InvitationLetter longLetter() {
        Programme assises = SampleLetters.assises();
        var e = assises.event();
        var event = new io.convoc.core.event.Event(e.id(), e.name(), e.theme(), e.patronage(), e.city(), e.venue(),
                e.startDate(), e.endDate(), e.zone(), e.organizers(), e.signatory(), e.issuingPlace(),
                io.convoc.core.event.Bilingual.of(
                        "Les navettes partent de la gare de Tanger-Ville toutes les vingt minutes. ".repeat(40),
                        "تنطلق الحافلات من محطة طنجة المدينة كل عشرين دقيقة. ".repeat(40)),
                e.referencePrefix());
        return new InvitationLetter(new Programme(event, assises.sessions()), SampleLetters.president(), LONG_SAMPLE,
                1, SampleLetters.ISSUED_ON, "https://convoc.example.ma/v/long");
    }

    record Made(Registration registration, boolean longLetter) {
    }

    /**
     * Registers {@code count} invitees of the event with letters: names and categories vary, references follow the
     * order of creation (not protocol order), one letter in {@code longEvery} is the long sample.
     */
    static List<Made> lettersFor(RegistrationTable registrations, S3Client s3, String bucket, String eventId,
                                 int count, int longEvery, long seed) {
        Random random = new Random(seed);
        List<Made> made = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String[] name = NAMES[random.nextInt(NAMES.length)];
            Category category = Category.values()[random.nextInt(Category.values().length)];
            Registration r = new Registration(UUID.randomUUID().toString(), eventId, Civility.MADAME,
                    new PersonName(name[0], name[1] + (name[1].isEmpty() ? "" : " " + (char) ('A' + i % 26)), name[2]),
                    "Titre", "صفة", category, "", Region.values()[i % Region.values().length],
                    "x-" + UUID.randomUUID() + "@example.ma", "+212661234567", null, List.of("ws-numerique"),
                    RegistrationSource.IMPORT, RegistrationStatus.RECEIVED, null, null, now, now);
            registrations.create(r);
            boolean longLetter = longEvery > 0 && i % longEvery == 0;
            String key = "letters/" + eventId + "/" + r.id() + "/v1.pdf";
            byte[] pdf = longLetter ? LONG : SHORT;
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/pdf"), RequestBody.fromBytes(pdf));
            String reference = String.format("EXP-2024/%04d", i + 1);
            if (!registrations.recordLetter(r.id(), 0, new LetterInfo(1, reference, key, "sha", now), now)) {
                throw new IllegalStateException("letter not recorded");
            }
            made.add(new Made(registrations.find(r.id()).orElseThrow(), longLetter));
        }
        return made;
    }

    /** A registration of the event that has no letter yet. */
    static Registration withoutLetter(RegistrationTable registrations, String eventId) {
        Instant now = Instant.now();
        Registration r = new Registration(UUID.randomUUID().toString(), eventId, null,
                new PersonName("Sans", "Lettre", "بدون رسالة"), "", "", Category.EXPERT, "", null,
                "y-" + UUID.randomUUID() + "@example.ma", null, null, List.of(), RegistrationSource.IMPORT,
                RegistrationStatus.RECEIVED, null, null, now, now);
        registrations.create(r);
        return r;
    }
}
