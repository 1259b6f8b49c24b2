package io.convoc.core.announcements;

import io.convoc.core.event.Language;
import io.convoc.core.registration.Category;
import io.convoc.core.registration.LanguagePreference;
import io.convoc.core.registration.Region;
import io.convoc.core.registration.Registration;
import io.convoc.core.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.convoc.core.announcements.InMemoryRegistrations.person;
import static io.convoc.core.announcements.InMemoryRegistrations.with;
import static io.convoc.core.announcements.InMemoryRegistrations.withWorkshops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each filter narrows the audience: OR within one filter, AND across filters, an empty one filters nothing. */
class AudienceTest {
    /** An expert of Rabat who reads French, letter not ready, no workshop. */
    private final Registration expert = person("expert");
    private final Registration press = with(person("press"), Category.PRESS);
    private final Registration wali = with(person("wali"), Category.WALI_GOVERNOR);
    private final Registration souss = with(person("souss"), Region.SOUSS_MASSA);
    private final Registration noRegion = with(person("no-region"), (Region) null);
    private final Registration arabic = with(person("arabic"), LanguagePreference.AR);
    private final Registration both = with(person("both"), LanguagePreference.BOTH_AR_FIRST);
    private final Registration ready = with(person("ready"), RegistrationStatus.LETTER_READY);
    private final Registration water = withWorkshops(person("water"), "ws-stress-hydrique");
    private final Registration digital = withWorkshops(person("digital"), "ws-numerique");
    private final Registration twoWorkshops = withWorkshops(person("two"), "ws-numerique", "ws-stress-hydrique");
    /** A press member of Souss-Massa, reading Arabic, attending the water workshop, letter ready. */
    private final Registration pressSoussArabicWater = with(with(with(withWorkshops(
            with(person("psaw"), Category.PRESS), "ws-stress-hydrique"), Region.SOUSS_MASSA), LanguagePreference.AR),
            RegistrationStatus.LETTER_READY);

    private final List<Registration> everyone = List.of(expert, press, wali, souss, noRegion, arabic, both, ready, water,
            digital, twoWorkshops, pressSoussArabicWater);

    private Set<String> reached(Audience audience) {
        return Set.copyOf(everyone.stream().filter(audience::includes).map(Registration::id).toList());
    }

    private static Set<String> ids(Registration... rs) {
        return Set.copyOf(List.of(rs).stream().map(Registration::id).toList());
    }

    private static Audience categories(Category... values) {
        return new Audience(Set.of(values), null, null, null, null);
    }

    @Test
    void noFilterIsEveryone() {
        Audience all = Audience.everyone();
        assertTrue(all.isEveryone());
        assertEquals(ids(everyone.toArray(Registration[]::new)), reached(all));
        Audience emptySets = new Audience(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        assertTrue(emptySets.isEveryone());
        assertEquals(ids(everyone.toArray(Registration[]::new)), reached(emptySets));
    }

    @Test
    void categoriesNarrow() {
        assertEquals(ids(press, pressSoussArabicWater), reached(categories(Category.PRESS)));
        assertFalse(categories(Category.PRESS).isEveryone());
    }

    @Test
    void regionsNarrowAndARegistrationWithNoRegionIsInNone() {
        assertEquals(ids(souss, pressSoussArabicWater),
                reached(new Audience(null, Set.of(Region.SOUSS_MASSA), null, null, null)));
        assertFalse(reached(new Audience(null, Set.of(Region.values()), null, null, null)).contains("no-region"));
    }

    @Test
    void workshopsNarrowToThoseAttendingAtLeastOne() {
        assertEquals(ids(water, twoWorkshops, pressSoussArabicWater),
                reached(new Audience(null, null, Set.of("ws-stress-hydrique"), null, null)));
        assertEquals(ids(water, digital, twoWorkshops, pressSoussArabicWater),
                reached(new Audience(null, null, Set.of("ws-stress-hydrique", "ws-numerique"), null, null)));
    }

    @Test
    void languagesNarrowToThoseReadingAtLeastOne() {
        assertEquals(ids(arabic, both, pressSoussArabicWater),
                reached(new Audience(null, null, null, Set.of(Language.AR), null)));
        assertFalse(reached(new Audience(null, null, null, Set.of(Language.FR), null)).contains("arabic"));
        assertTrue(reached(new Audience(null, null, null, Set.of(Language.FR), null)).contains("both"));
    }

    @Test
    void statusesNarrow() {
        assertEquals(ids(ready, pressSoussArabicWater),
                reached(new Audience(null, null, null, null, Set.of(RegistrationStatus.LETTER_READY))));
        assertTrue(reached(new Audience(null, null, null, null, Set.of(RegistrationStatus.LETTER_FAILED)))
                .isEmpty());
    }

    @Test
    void valuesOfOneFilterAreAlternatives() {
        assertEquals(ids(press, pressSoussArabicWater, wali),
                reached(categories(Category.PRESS, Category.WALI_GOVERNOR)));
        Set<String> allButNoRegion = new java.util.HashSet<>(ids(everyone.toArray(Registration[]::new)));
        allButNoRegion.remove("no-region");
        assertEquals(allButNoRegion, reached(new Audience(null,
                Set.of(Region.SOUSS_MASSA, Region.RABAT_SALE_KENITRA), null, null, null)));
    }

    @Test
    void filtersCombineAsAnd() {
        // press OR nothing else, AND Souss-Massa: only the one who is both
        assertEquals(ids(pressSoussArabicWater),
                reached(new Audience(Set.of(Category.PRESS), Set.of(Region.SOUSS_MASSA), null, null, null)));
        // water workshop AND reads Arabic
        assertEquals(ids(pressSoussArabicWater),
                reached(new Audience(null, null, Set.of("ws-stress-hydrique"), Set.of(Language.AR), null)));
        // every filter at once, one value failing: nobody
        assertTrue(reached(new Audience(Set.of(Category.PRESS), Set.of(Region.SOUSS_MASSA),
                Set.of("ws-stress-hydrique"), Set.of(Language.AR), Set.of(RegistrationStatus.RECEIVED))).isEmpty());
        assertEquals(ids(pressSoussArabicWater), reached(new Audience(Set.of(Category.PRESS),
                Set.of(Region.SOUSS_MASSA), Set.of("ws-stress-hydrique"), Set.of(Language.AR),
                Set.of(RegistrationStatus.LETTER_READY))));
        // AND across, OR within: (press OR expert) AND (Souss-Massa)
        assertEquals(ids(souss, pressSoussArabicWater), reached(new Audience(Set.of(Category.PRESS, Category.EXPERT),
                Set.of(Region.SOUSS_MASSA), null, null, null)));
    }
}
