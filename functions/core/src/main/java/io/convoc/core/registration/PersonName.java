package io.convoc.core.registration;

/** A person's name as they write it in Latin script and in Arabic script; either may be empty, not both. */
public record PersonName(String firstName, String lastName, String arabicName) {
    public PersonName {
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        arabicName = arabicName == null ? "" : arabicName;
    }

    public String latin() {
        return (firstName + " " + lastName).strip();
    }

    /** The name in Arabic script when there is one, else the Latin one (a foreign delegate, say). */
    public String arabicOrLatin() {
        return arabicName.isBlank() ? latin() : arabicName;
    }

    /** The Latin name when there is one, else the Arabic one. */
    public String latinOrArabic() {
        return latin().isBlank() ? arabicName : latin();
    }
}
