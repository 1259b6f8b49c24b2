package io.convoc.letters;

import io.convoc.core.registration.Category;
import io.convoc.core.registration.Civility;
import io.convoc.core.registration.PersonName;
import io.convoc.core.registration.Registration;

import java.util.List;

/** A letter whose Arabic name carries harakat: shadda with each short vowel, tanwin, hamza above and below. */
final class HarakatSample {
    static final String NAME = "مُحَمَّدٌ أَمِينٌ الإِدْرِيسِيُّ";
    static final String TITLE = "رَئِيسُ مَجْلِسِ جِهَةٍ سُؤَالٌ شَدَّ شُدَّ شِدَّ بِرًّا";

    private HarakatSample() {
    }

    static Registration registration() {
        return SampleLetters.registration("reg-0300", Civility.MONSIEUR,
                new PersonName("Mohammed Amine", "El Idrissi", NAME), "Président", TITLE,
                Category.REGION_PRESIDENT, List.of("ws-numerique"));
    }

    static byte[] render() {
        return LetterRenderer.shared().render(SampleLetters.letter(registration(), "ANRA-2024/0300"));
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), render());
    }
}
