package io.convoc.core.properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;

/** What a hostile tester types: line breaks, NUL, halves of characters, bidi and zero-width characters, emoji,
 * CJK, formulas, very long strings, mixed with ordinary French and Arabic. */
public final class HostileText {
    private HostileText() {
    }

    static final List<String> PIECES = List.of("Karim", "El Idrissi", "فاطمة", "الزهراء", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Œuvray-Dupré",
            "N’Diaye", " ", "\r\n", "\n", "\u0000", "\u0007", "\ud800", "\udc00", "\u202E", "\u2066", "\u200B", "\u200C",
            "\u200D", "\u200E", "\u200F", "\u061C", "\uFEFF", "\u2060", "\uFFFD", "😀", "👨‍👩‍👧", "王", "Жанна", "=1+1",
            "+212", "-", "@SUM(A1)", "\t", "\"", ",", ";", "'", "<script>", "&amp;", "%", "\\", "é", "\u0301",
            "Subject: x", "=?utf-8?", "\u00A0", "\u2028");

    /** Strings of those pieces, 0 to 30 of them, sometimes a very long one. */
    public static Arbitrary<String> strings() {
        Arbitrary<String> pieces = Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(30)
                .map(l -> String.join("", l));
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> longOnes = Arbitraries.of("x", "é", "ب", "😀", "\u200B").map(s -> s.repeat(3000));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, pieces),
                net.jqwik.api.Tuple.of(3, any),
                net.jqwik.api.Tuple.of(1, longOnes));
    }

    public static Arbitrary<String> maybeNull() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, strings()),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }
}
