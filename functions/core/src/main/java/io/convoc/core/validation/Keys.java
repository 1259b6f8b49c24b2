package io.convoc.core.validation;

import java.util.regex.Pattern;

/**
 * What an identifier that reaches a database key may look like (event, registration, session, export ids): ASCII
 * letters, digits and {@code . _ : ~ -}, 1 to {@value #MAX} characters. Anything else cannot name a stored item, so
 * it is answered as unknown before any table is asked (DynamoDB refuses keys over 2,048 bytes, and strings that are
 * not valid UTF-8, with a server error).
 */
public final class Keys {
    public static final int MAX = 128;
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:~-]{1," + MAX + "}$");

    private Keys() {
    }

    public static boolean isKey(String value) {
        return value != null && value.length() <= MAX && KEY.matcher(value).matches();
    }
}
