package io.convoc.core.event;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * An institutional event (the Assises are the first one). Everything a letter or a notice says about
 * the event comes from here: nothing about a particular event is written in code.
 *
 * @param issuingPlace    where letters are signed, e.g. Rabat (the ministry), printed before the date
 * @param referencePrefix prefix of invitation letter reference numbers, e.g. {@code ANRA-2024}
 * @param foreignMobiles  whether invitees may give a mobile number outside Morocco (SMS abroad cost more and are a
 *                        favourite of fraud): off unless the event says so
 * @param hijriAdjustment days added to the tabular Hijri date ({@code islamic-civil}) printed on letters, -2 to 2:
 *                        the official Moroccan calendar (announced by the Ministry of Habous on sighting the moon)
 *                        can be a day or two off the tabular one; 0 unless the event says so
 */
public record Event(
        String id,
        Bilingual name,
        Bilingual theme,
        Bilingual patronage,
        Bilingual city,
        Bilingual venue,
        LocalDate startDate,
        LocalDate endDate,
        ZoneId zone,
        List<Bilingual> organizers,
        Bilingual signatory,
        Bilingual issuingPlace,
        Bilingual practicalInformation,
        String referencePrefix,
        boolean foreignMobiles,
        int hijriAdjustment) {

    /** An event printing the tabular Hijri date as it is. */
    public Event(String id, Bilingual name, Bilingual theme, Bilingual patronage, Bilingual city, Bilingual venue,
                 LocalDate startDate, LocalDate endDate, ZoneId zone, List<Bilingual> organizers, Bilingual signatory,
                 Bilingual issuingPlace, Bilingual practicalInformation, String referencePrefix,
                 boolean foreignMobiles) {
        this(id, name, theme, patronage, city, venue, startDate, endDate, zone, organizers, signatory, issuingPlace,
                practicalInformation, referencePrefix, foreignMobiles, 0);
    }

    /** An event whose SMS go to Moroccan mobiles only. */
    public Event(String id, Bilingual name, Bilingual theme, Bilingual patronage, Bilingual city, Bilingual venue,
                 LocalDate startDate, LocalDate endDate, ZoneId zone, List<Bilingual> organizers, Bilingual signatory,
                 Bilingual issuingPlace, Bilingual practicalInformation, String referencePrefix) {
        this(id, name, theme, patronage, city, venue, startDate, endDate, zone, organizers, signatory, issuingPlace,
                practicalInformation, referencePrefix, false);
    }

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startDate, "startDate");
        endDate = endDate == null ? startDate : endDate;
        zone = zone == null ? ZoneId.of("Africa/Casablanca") : zone;
        organizers = organizers == null ? List.of() : List.copyOf(organizers);
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("event ends before it starts");
        }
        if (hijriAdjustment < -2 || hijriAdjustment > 2) {
            throw new IllegalArgumentException("hijriAdjustment must be between -2 and 2 days");
        }
    }
}
