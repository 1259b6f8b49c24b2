package io.convoc.core.imports;

import io.convoc.core.validation.Choices;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns an invitee list may have. Headers may be written in French or in Arabic (or as the
 * API field name); case, accents and spacing do not matter.
 */
public enum ImportColumn {
    CIVILITY("civility", "civilité", "titre de civilité", "اللقب", "الصفة الشرفية"),
    FIRST_NAME("firstName", "prénom", "الاسم الشخصي"),
    LAST_NAME("lastName", "nom", "nom de famille", "الاسم العائلي"),
    ARABIC_NAME("arabicName", "nom en arabe", "nom (arabe)", "الاسم بالعربية", "الاسم الكامل"),
    TITLE_FR("titleFr", "fonction", "fonction (fr)", "الصفة بالفرنسية"),
    TITLE_AR("titleAr", "fonction en arabe", "fonction (ar)", "الصفة", "المهمة"),
    CATEGORY("category", "catégorie", "الفئة"),
    ORGANISATION("organisation", "organisme", "institution", "المؤسسة", "الهيئة"),
    REGION("region", "région", "الجهة"),
    EMAIL("email", "e-mail", "courriel", "adresse électronique", "البريد الإلكتروني"),
    MOBILE("mobile", "téléphone", "téléphone mobile", "gsm", "الهاتف", "الهاتف المحمول"),
    LANGUAGES("languages", "langue", "langues", "اللغة"),
    WORKSHOPS("workshops", "ateliers", "الورشات");

    private final List<String> headers;

    ImportColumn(String... headers) {
        this.headers = Arrays.asList(headers);
    }

    public String fieldName() {
        return headers.get(0);
    }

    public static Optional<ImportColumn> forHeader(String header) {
        String wanted = Choices.fold(header.replace("\uFEFF", ""));
        return Arrays.stream(values())
                .filter(c -> c.headers.stream().anyMatch(h -> Choices.fold(h).equals(wanted)))
                .findFirst();
    }
}
