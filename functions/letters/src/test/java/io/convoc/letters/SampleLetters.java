package io.convoc.letters;

import io.convoc.core.letters.InvitationLetter;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationSource;
import io.convoc.core.registration.RegistrationStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Letters for tests and the benchmark: the Assises 2024 as in {@code events/data/assises-2024.json}, and
 * invitees whose names vary (Latin and Arabic, either missing).
 */
public final class SampleLetters {
    public static final LocalDate ISSUED_ON = LocalDate.of(2024, 12, 2);

    private static final Programme ASSISES = assisesProgramme();

    private SampleLetters() {
    }

    /** The full programme of the Assises 2024: two plenaries and six workshops over two days. */
    public static Programme assises() {
        return ASSISES;
    }

    private static Programme assisesProgramme() {
        Event event = new Event("assises-2024",
                Bilingual.of("2èmes Assises nationales de la régionalisation avancée",
                        "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"),
                Bilingual.of("« La régionalisation avancée, entre les défis d’aujourd’hui et de demain »",
                        "«الجهوية المتقدمة بين تحديات الحاضر والمستقبل»"),
                Bilingual.of("Sous le Haut Patronage de Sa Majesté le Roi Mohammed VI",
                        "تحت الرعاية السامية لصاحب الجلالة الملك محمد السادس"),
                Bilingual.of("Tanger", "طنجة"),
                Bilingual.of("Palais des congrès, Tanger", "قصر المؤتمرات، طنجة"),
                LocalDate.of(2024, 12, 20), LocalDate.of(2024, 12, 21), ZoneId.of("Africa/Casablanca"),
                List.of(Bilingual.of("Ministère de l’Intérieur", "وزارة الداخلية"),
                        Bilingual.of("Association des Régions du Maroc", "جمعية جهات المغرب")),
                Bilingual.of("Le Ministre de l’Intérieur", "وزير الداخلية"),
                Bilingual.of("Rabat", "الرباط"),
                Bilingual.of("Accueil des participants à partir de 08h30. Présentez cette lettre et une pièce "
                                + "d’identité à l’entrée. Tenue de ville.",
                        "يبدأ استقبال المشاركين ابتداء من الساعة 08:30. يرجى الإدلاء بهذه الرسالة وبوثيقة الهوية "
                                + "عند المدخل."),
                "ANRA-2024");
        Bilingual plenary = Bilingual.of("Salle plénière", "القاعة الكبرى");
        return new Programme(event, List.of(
                session("opening", SessionKind.PLENARY, "Séance plénière d’ouverture", "الجلسة العامة الافتتاحية",
                        20, 9, 30, 12, 30, plenary),
                session("ws-attractivite", SessionKind.WORKSHOP, "Le renforcement de l’attractivité territoriale",
                        "تعزيز الجاذبية الترابية", 20, 15, 0, 18, 0, room(1)),
                session("ws-investissement", SessionKind.WORKSHOP, "La promotion de l’investissement productif",
                        "النهوض بالاستثمار المنتج", 20, 15, 0, 18, 0, room(2)),
                session("ws-financement", SessionKind.WORKSHOP, "Le financement des programmes de développement",
                        "تمويل برامج التنمية", 20, 15, 0, 18, 0, room(3)),
                session("ws-stress-hydrique", SessionKind.WORKSHOP, "La gestion du stress hydrique",
                        "تدبير الإجهاد المائي", 21, 9, 30, 12, 30, room(1)),
                session("ws-mobilite", SessionKind.WORKSHOP, "Le développement du transport et de la mobilité",
                        "تطوير النقل والتنقل", 21, 9, 30, 12, 30, room(2)),
                session("ws-numerique", SessionKind.WORKSHOP,
                        "La transformation numérique des collectivités territoriales",
                        "التحول الرقمي للجماعات الترابية", 21, 9, 30, 12, 30, room(3)),
                session("closing", SessionKind.PLENARY, "Séance plénière de clôture et recommandations",
                        "الجلسة العامة الختامية والتوصيات", 21, 15, 0, 17, 0, plenary)));
    }

    private static Bilingual room(int number) {
        return Bilingual.of("Salle " + number, "القاعة " + number);
    }

    private static ProgrammeSession session(String id, SessionKind kind, String fr, String ar, int day,
                                            int startHour, int startMinute, int endHour, int endMinute,
                                            Bilingual room) {
        return new ProgrammeSession(id, kind, Bilingual.of(fr, ar),
                LocalDateTime.of(2024, 12, day, startHour, startMinute),
                LocalDateTime.of(2024, 12, day, endHour, endMinute), room);
    }

    /** The president of a region, attending one workshop a day. */
    public static Registration president() {
        return registration("reg-0153", Civility.MONSIEUR,
                new PersonName("Karim", "El Amrani", "كريم العمراني"),
                "Président du Conseil de la Région de Tanger-Tétouan-Al Hoceïma",
                "رئيس مجلس جهة طنجة تطوان الحسيمة", Category.REGION_PRESIDENT,
                List.of("ws-financement", "ws-stress-hydrique"));
    }

    public static Registration registration(String id, Civility civility, PersonName name, String titleFr,
                                            String titleAr, Category category, List<String> workshops) {
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        return new Registration(id, "assises-2024", civility, name, titleFr, titleAr, category,
                "", Region.TANGER_TETOUAN_AL_HOCEIMA, id + "@example.ma", "+212612345678",
                LanguagePreference.BOTH, workshops, RegistrationSource.IMPORT, RegistrationStatus.RECEIVED, null,
                null, at, at);
    }

    public static InvitationLetter letter(Registration registration, String reference) {
        return new InvitationLetter(assises(), registration, reference, 1, ISSUED_ON,
                "https://convoc.example.ma/v/" + reference.replace('/', '-') + "/k9Qx2T7bPz");
    }

    public static InvitationLetter presidentLetter() {
        return letter(president(), "ANRA-2024/0153");
    }

    private static final String[][] FIRST_NAMES = {
            {"Fatima Zahra", "فاطمة الزهراء"}, {"Mohammed", "محمد"}, {"Amina", "أمينة"}, {"Youssef", "يوسف"},
            {"Khadija", "خديجة"}, {"Hicham", "هشام"}, {"Nadia", "نادية"}, {"Abdelilah", "عبد الإله"},
            {"Salma", "سلمى"}, {"Omar", "عمر"}, {"Élodie", ""}, {"", "إدريس"}};
    private static final String[][] LAST_NAMES = {
            {"El Idrissi", "الإدريسي"}, {"Benjelloun", "بنجلون"}, {"Alaoui", "العلوي"}, {"Tazi", "التازي"},
            {"Berrada", "برادة"}, {"Ouazzani", "الوزاني"}, {"Bennani", "بناني"}, {"Chraïbi", "الشرايبي"},
            {"Lahlou", "لحلو"}, {"Fassi-Fihri", "الفاسي الفهري"}, {"Durand", ""}, {"", "الحسني"}};

    /** The n-th of a population of invitees whose names, categories and workshops vary. */
    public static InvitationLetter variedLetter(int n) {
        String[] first = FIRST_NAMES[n % FIRST_NAMES.length];
        String[] last = LAST_NAMES[(n / FIRST_NAMES.length + n) % LAST_NAMES.length];
        String arabic = (first[1] + " " + last[1]).strip();
        if (first[1].isEmpty() != last[1].isEmpty()) {
            arabic = "";
        }
        PersonName name = new PersonName(first[0], last[0], arabic);
        if (name.latin().isBlank() && arabic.isBlank()) {
            name = new PersonName("Omar", "Alaoui", "عمر العلوي");
        }
        Civility civility = Civility.values()[n % Civility.values().length];
        Category category = Category.values()[n % Category.values().length];
        List<String> workshops = List.of(
                List.of("ws-attractivite", "ws-investissement", "ws-financement").get(n % 3),
                List.of("ws-stress-hydrique", "ws-mobilite", "ws-numerique").get((n / 3) % 3));
        Registration registration = registration("reg-" + n, civility, name,
                "Élu(e), Conseil communal n° " + (n % 97), "منتخب(ة) بالمجلس الجماعي رقم " + (n % 97),
                category, workshops);
        return letter(registration, String.format("ANRA-2024/%04d", n % 10_000));
    }
}
