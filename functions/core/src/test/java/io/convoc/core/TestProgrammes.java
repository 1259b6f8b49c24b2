package io.convoc.core;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.event.SessionKind;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** A small programme for unit tests that need no storage. */
public final class TestProgrammes {
    private TestProgrammes() {
    }

    public static Programme assises() {
        Event event = new Event("assises-2024",
                Bilingual.of("2èmes Assises nationales de la régionalisation avancée",
                        "الدورة الثانية للمناظرة الوطنية حول الجهوية المتقدمة"),
                Bilingual.of("Thème", "الموضوع"), Bilingual.of("Patronage", "الرعاية"),
                Bilingual.of("Tanger", "طنجة"), Bilingual.of("Palais des congrès", "قصر المؤتمرات"),
                LocalDate.of(2024, 12, 20), LocalDate.of(2024, 12, 21), ZoneId.of("Africa/Casablanca"),
                List.of(Bilingual.of("Ministère de l’Intérieur", "وزارة الداخلية")),
                Bilingual.of("Le Ministre de l’Intérieur", "وزير الداخلية"), Bilingual.of("Rabat", "الرباط"),
                Bilingual.of("", ""), "ANRA-2024");
        return new Programme(event, List.of(
                new ProgrammeSession("opening", SessionKind.PLENARY, Bilingual.of("Ouverture", "الافتتاح"),
                        LocalDateTime.of(2024, 12, 20, 9, 30), LocalDateTime.of(2024, 12, 20, 12, 30),
                        Bilingual.of("Salle plénière", "القاعة الكبرى")),
                new ProgrammeSession("ws-stress-hydrique", SessionKind.WORKSHOP,
                        Bilingual.of("La gestion du stress hydrique", "تدبير الإجهاد المائي"),
                        LocalDateTime.of(2024, 12, 21, 9, 30), LocalDateTime.of(2024, 12, 21, 12, 30),
                        Bilingual.of("Salle 1", "القاعة 1")),
                new ProgrammeSession("ws-numerique", SessionKind.WORKSHOP,
                        Bilingual.of("La transformation numérique des collectivités territoriales",
                                "التحول الرقمي للجماعات الترابية"),
                        LocalDateTime.of(2024, 12, 21, 9, 30), LocalDateTime.of(2024, 12, 21, 12, 30),
                        Bilingual.of("Salle 3", "القاعة 3"))));
    }
}
