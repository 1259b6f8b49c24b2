package io.convoc.letters;

import io.convoc.core.letters.InvitationLetter;

import io.convoc.core.event.Bilingual;
import io.convoc.core.event.Event;
import io.convoc.core.event.Language;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.registration.Registration;
import io.convoc.core.validation.Messages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one letter says, in both languages, before any layout: every text comes from the message bundles
 * ({@link LetterText}, {@link Messages}) or from the event and the registration.
 *
 * @param tifinagh the kingdom's name in Tifinagh, the same on both sides
 * @param days     the sessions attended, by day
 */
record LetterContent(Side fr, Side ar, String tifinagh, List<Day> days) {

    /** The texts of one language. Blank texts are left out of the letter. */
    record Side(
            String kingdom,
            List<String> organizers,
            String reference,
            String placeAndDate,
            String addressee,
            String title,
            String subject,
            String salutation,
            String body,
            String patronage,
            String eventName,
            String theme,
            String placeAndDates,
            String venue,
            String programmeIntro,
            String practicalTitle,
            String practicalInformation,
            String closing,
            String signatory,
            String footerVerify,
            String footerReference,
            String footerCategory,
            String continuation) {
    }

    /** A day of the programme: its heading in each language and its sessions. */
    record Day(String fr, String ar, List<Session> sessions) {
    }

    /** A session: title and room in each language; the times read the same in both. */
    record Session(String fr, String roomFr, String time, String ar, String roomAr) {
    }

    static LetterContent of(InvitationLetter letter, LetterText fr, LetterText ar) {
        return new Builder(letter).build(fr, ar);
    }

    private static final class Builder {
        private final InvitationLetter letter;
        private final Event event;
        private final Registration registration;

        Builder(InvitationLetter letter) {
            this.letter = letter;
            this.event = letter.programme().event();
            this.registration = letter.registration();
        }

        LetterContent build(LetterText fr, LetterText ar) {
            return new LetterContent(side(fr), side(ar), fr.format("letterhead.kingdom.tifinagh"), days(fr, ar));
        }

        private Side side(LetterText t) {
            Language language = t.language();
            String reference = letter.reference();
            String category = registration.category() == null ? ""
                    : t.format("footer.category", "category", Messages.label(language, registration.category()));
            return new Side(
                    t.format("letterhead.kingdom"),
                    event.organizers().stream().map(o -> text(o, language)).filter(s -> !s.isBlank()).toList(),
                    t.format("reference", "reference", reference),
                    placeAndDate(t),
                    t.format("addressee", civility(language, "name", name(language))),
                    title(language),
                    t.format("subject", "event", text(event.name(), language)),
                    t.format("salutation", civility(language)),
                    t.format("body"),
                    text(event.patronage(), language),
                    text(event.name(), language),
                    text(event.theme(), language),
                    t.format("event.placeAndDates", "city", text(event.city(), language), "dates", dates(t)),
                    t.format("event.venue", "venue", text(event.venue(), language)),
                    t.format("programme.intro"),
                    t.format("practical.title"),
                    text(event.practicalInformation(), language),
                    t.format("closing", civility(language)),
                    text(event.signatory(), language),
                    t.format("footer.verify"),
                    t.format("footer.reference", "reference", reference, "version", letter.version()),
                    category,
                    t.format("continuation", "reference", reference));
        }

        private List<Day> days(LetterText fr, LetterText ar) {
            Map<LocalDate, List<ProgrammeSession>> byDay = new TreeMap<>();
            for (ProgrammeSession s : letter.programme().attendedBy(registration.workshops())) {
                byDay.computeIfAbsent(s.start().toLocalDate(), d -> new ArrayList<>()).add(s);
            }
            List<Day> days = new ArrayList<>();
            for (Map.Entry<LocalDate, List<ProgrammeSession>> day : byDay.entrySet()) {
                var date = LetterText.date(day.getKey());
                List<Session> sessions = new ArrayList<>();
                for (ProgrammeSession s : day.getValue()) {
                    String key = s.isWorkshop() ? "session.workshop" : "session.plenary";
                    sessions.add(new Session(
                            fr.format(key, "title", text(s.title(), Language.FR)),
                            text(s.room(), Language.FR),
                            fr.format("session.time", "start", LetterText.dateTime(s.start()),
                                    "end", LetterText.dateTime(s.end())),
                            ar.format(key, "title", text(s.title(), Language.AR)),
                            text(s.room(), Language.AR)));
                }
                days.add(new Day(fr.sentence("programme.day", "day", date), ar.sentence("programme.day", "day", date),
                        List.copyOf(sessions)));
            }
            return List.copyOf(days);
        }

        /** The Latin name on the French side, the Arabic one on the Arabic side, the other when one is missing. */
        private String name(Language language) {
            return language == Language.AR ? registration.name().arabicOrLatin() : registration.name().latinOrArabic();
        }

        private String title(Language language) {
            String own = language == Language.AR ? registration.titleAr() : registration.titleFr();
            String other = language == Language.AR ? registration.titleFr() : registration.titleAr();
            return own.isBlank() ? other : own;
        }

        private String placeAndDate(LetterText t) {
            var issued = LetterText.date(letter.issuedOn());
            String place = text(event.issuingPlace(), t.language());
            if (t.language() == Language.AR) {
                // the tabular Hijri date moved by the event's adjustment to the official Moroccan calendar
                var hijri = LetterText.date(letter.issuedOn().plusDays(event.hijriAdjustment()));
                return t.format("placeAndDate", "place", place,
                        "hijri", t.format("hijri.date", "date", hijri), "gregorian", t.format("date", "date", issued));
            }
            return t.format("placeAndDate", "place", place, "day", letter.issuedOn().getDayOfMonth(), "date", issued);
        }

        private String dates(LetterText t) {
            LocalDate start = event.startDate();
            LocalDate end = event.endDate();
            String key;
            if (start.equals(end)) {
                key = "dates.oneDay";
            } else if (start.getYear() != end.getYear()) {
                key = "dates.other";
            } else if (start.getMonth() != end.getMonth()) {
                key = "dates.sameYear";
            } else {
                key = start.plusDays(1).equals(end) ? "dates.twoDays" : "dates.sameMonth";
            }
            return t.format(key, "d1", start.getDayOfMonth(), "d2", end.getDayOfMonth(),
                    "start", LetterText.date(start), "end", LetterText.date(end));
        }

        /** The civility as select key and label, then the other arguments. */
        private Object[] civility(Language language, Object... more) {
            var civility = registration.civility();
            Object[] args = new Object[4 + more.length];
            args[0] = "civilityKey";
            args[1] = civility == null ? "none" : civility.name();
            args[2] = "civility";
            args[3] = civility == null ? "" : Messages.label(language, civility);
            System.arraycopy(more, 0, args, 4, more.length);
            return args;
        }

        /** A text of the event in one language, or in the other when that one is missing. */
        private static String text(Bilingual b, Language language) {
            String value = b.in(language);
            return value.isBlank() ? b.in(language == Language.FR ? Language.AR : Language.FR) : value;
        }
    }
}
