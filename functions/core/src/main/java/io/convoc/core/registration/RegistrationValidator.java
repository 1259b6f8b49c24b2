package io.convoc.core.registration;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.convoc.core.event.Programme;
import io.convoc.core.event.ProgrammeSession;
import io.convoc.core.validation.Choices;
import io.convoc.core.validation.FieldError;
import io.convoc.core.validation.TextRules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a registration request against the rules and the event's programme; reports every error found. */
public final class RegistrationValidator {
    public static final int MAX_NAME = 100;
    public static final int MAX_TITLE = 200;
    public static final int MAX_ORGANISATION = 200;
    public static final int MAX_EMAIL = 254;
    public static final String DEFAULT_PHONE_REGION = "MA";
    private static final String MOROCCO = "+212";

    // Dot-atom local part and a dotted domain with a 2+ letter top-level label: what mail servers accept.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** A request that passed every rule, with its values parsed and normalised. */
    public record Valid(
            Civility civility, PersonName name, String titleFr, String titleAr, Category category,
            String organisation, Region region, String email, String mobile, LanguagePreference languages,
            List<String> workshops) {
    }

    public Valid validate(RegistrationRequest r, Programme programme) {
        List<FieldError> errors = new ArrayList<>();

        Civility civility = choice(Civility.class, "civility", r.civility(), false, errors);

        String first = TextRules.clean(r.firstName());
        String last = TextRules.clean(r.lastName());
        String arabic = TextRules.clean(r.arabicName());
        TextRules.check("firstName", first, MAX_NAME, errors);
        TextRules.check("lastName", last, MAX_NAME, errors);
        TextRules.check("arabicName", arabic, MAX_NAME, errors);
        boolean hasLatin = notBlank(first) || notBlank(last);
        if (!hasLatin && !notBlank(arabic)) {
            errors.add(FieldError.of("lastName", "name_required"));
        } else if (hasLatin && !notBlank(last)) {
            errors.add(FieldError.of("lastName", "required"));
        }

        String titleFr = TextRules.clean(r.titleFr());
        String titleAr = TextRules.clean(r.titleAr());
        TextRules.check("titleFr", titleFr, MAX_TITLE, errors);
        TextRules.check("titleAr", titleAr, MAX_TITLE, errors);

        Category category = choice(Category.class, "category", r.category(), true, errors);
        String organisation = TextRules.clean(r.organisation());
        TextRules.check("organisation", organisation, MAX_ORGANISATION, errors);
        Region region = choice(Region.class, "region", r.region(), false, errors);

        String email = email(r.email(), errors);
        String mobile = mobile(r.mobile(), errors);
        if (mobile != null && !programme.event().foreignMobiles() && !mobile.startsWith(MOROCCO)) {
            errors.add(FieldError.of("mobile", "foreign_mobile", TextRules.excerpt(r.mobile().strip())));
            mobile = null;
        }

        LanguagePreference languages = notBlank(r.languages())
                ? choice(LanguagePreference.class, "languages", r.languages(), false, errors)
                : LanguagePreference.BOTH;

        List<String> workshops = workshops(r.workshops(), programme, errors);

        if (!errors.isEmpty()) {
            throw new io.convoc.core.validation.InvalidInput(errors);
        }
        return new Valid(civility, new PersonName(first, last, arabic), titleFr, titleAr, category,
                organisation, region, email, mobile, languages, workshops);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String typed, boolean required,
                                                List<FieldError> errors) {
        if (!notBlank(typed)) {
            if (required) {
                errors.add(FieldError.of(field, "required"));
            }
            return null;
        }
        Optional<E> value = Choices.parse(type, typed);
        if (value.isEmpty()) {
            errors.add(FieldError.of(field, "unknown_value", TextRules.excerpt(typed.strip())));
        }
        return value.orElse(null);
    }

    private static String email(String typed, List<FieldError> errors) {
        if (!notBlank(typed)) {
            errors.add(FieldError.of("email", "required"));
            return null;
        }
        String email = TextRules.withoutMarks(typed);
        if (email.length() > MAX_EMAIL) {
            errors.add(FieldError.of("email", "too_long", MAX_EMAIL));
            return null;
        }
        if (!EMAIL.matcher(email).matches() || email.substring(0, email.indexOf('@')).length() > 64) {
            errors.add(FieldError.of("email", "invalid_email"));
            return null;
        }
        return email;
    }

    /** Normalises to E.164 with Morocco as the default region; only a mobile can receive an SMS. */
    public static String mobile(String typed, List<FieldError> errors) {
        if (!notBlank(typed)) {
            return null;
        }
        typed = TextRules.withoutMarks(typed);
        if (typed.length() > 64) {
            errors.add(FieldError.of("mobile", "invalid_phone", TextRules.excerpt(typed)));
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(typed.strip(), DEFAULT_PHONE_REGION);
            if (!PHONES.isValidNumber(number)) {
                errors.add(FieldError.of("mobile", "invalid_phone", TextRules.excerpt(typed)));
                return null;
            }
            PhoneNumberType type = PHONES.getNumberType(number);
            if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
                errors.add(FieldError.of("mobile", "not_mobile", TextRules.excerpt(typed)));
                return null;
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            errors.add(FieldError.of("mobile", "invalid_phone", TextRules.excerpt(typed)));
            return null;
        }
    }

    private static List<String> workshops(List<String> typed, Programme programme, List<FieldError> errors) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String t : typed) {
            if (t != null && unknown.size() + chosen.size() > 50) {
                errors.add(FieldError.of("workshops", "too_many_items", 50));
                break;
            }
            if (!notBlank(t)) {
                continue;
            }
            Optional<ProgrammeSession> match = programme.sessions().stream()
                    .filter(ProgrammeSession::isWorkshop)
                    .filter(s -> !s.isCancelled())
                    .filter(s -> s.id().equalsIgnoreCase(t.strip())
                            || Choices.fold(s.title().fr()).equals(Choices.fold(t))
                            || Choices.fold(s.title().ar()).equals(Choices.fold(t)))
                    .findFirst();
            match.ifPresentOrElse(s -> chosen.add(s.id()), () -> unknown.add(TextRules.excerpt(t.strip())));
        }
        if (!unknown.isEmpty()) {
            errors.add(FieldError.of("workshops", "unknown_workshop", unknown));
        }
        return List.copyOf(chosen);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
