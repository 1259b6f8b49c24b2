package io.convoc.core.registration;

/** How a person is addressed; the words come from the message bundles (civility.*). */
public enum Civility {
    MONSIEUR,
    MADAME,
    /** Son Excellence / معالي: ministers, walis, ambassadors. */
    EXCELLENCE
}
