package io.convoc.core.announcements;

import io.convoc.core.validation.FieldError;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An announcement's text with its placeholders, in GOV.UK Notify's notation: {@code ((name))} is replaced by the
 * recipient's value, {@code ((flag??text))} shows {@code text} only when the recipient's {@code flag} is not empty;
 * unlike Notify, the shown text may hold placeholders ({@code ((letter_link??Votre lettre : ((letter_link))))}).
 */
public final class MessageTemplate {
    private sealed interface Part permits Literal, Value, Conditional {
    }

    private record Literal(String text) implements Part {
    }

    private record Value(Placeholder placeholder) implements Part {
    }

    private record Conditional(Placeholder flag, List<Part> shown) implements Part {
    }

    private final List<Part> parts;

    private MessageTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads a text, or says what is wrong in it: {@code unknown_placeholder} naming the first unknown one,
     * {@code unclosed_placeholder} for a {@code ((} never closed.
     */
    public static Parsed parse(String field, String text) {
        List<FieldError> errors = new ArrayList<>();
        List<Part> parts = parts(field, text == null ? "" : text, errors);
        return new Parsed(errors.isEmpty() ? new MessageTemplate(parts) : null, errors);
    }

    private static List<Part> parts(String field, String source, List<FieldError> errors) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("((", at);
            if (open < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            int close = closing(source, open);
            if (close < 0) {
                errors.add(FieldError.of(field, "unclosed_placeholder", excerpt(source.substring(open))));
                break;
            }
            if (open > at) {
                parts.add(new Literal(source.substring(at, open)));
            }
            String inside = source.substring(open + 2, close);
            int condition = inside.indexOf("??");
            String key = condition < 0 ? inside : inside.substring(0, condition);
            Optional<Placeholder> placeholder = key.contains("((") ? Optional.empty() : Placeholder.of(key);
            if (placeholder.isEmpty() || key.isBlank()) {
                errors.add(FieldError.of(field, "unknown_placeholder", excerpt(key.strip())));
            } else if (condition < 0) {
                parts.add(new Value(placeholder.get()));
            } else {
                // the shown text may hold placeholders itself: ((letter_link??Your letter: ((letter_link))))
                parts.add(new Conditional(placeholder.get(), parts(field, inside.substring(condition + 2), errors)));
            }
            at = close + 2;
        }
        return parts;
    }

    /** Where the {@code ))} closing the {@code ((} at {@code open} starts, counting nested pairs; -1 if none. */
    private static int closing(String source, int open) {
        int depth = 0;
        int i = open;
        while (i < source.length() - 1) {
            if (source.startsWith("((", i)) {
                depth++;
                i += 2;
            } else if (source.startsWith("))", i)) {
                depth--;
                if (depth == 0) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** A parsed text, or the errors that kept it from parsing. */
    public record Parsed(MessageTemplate template, List<FieldError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** @throws IllegalArgumentException for a text that does not parse (stored texts were checked when written) */
    public static MessageTemplate of(String text) {
        Parsed parsed = parse("text", text);
        if (!parsed.ok()) {
            throw new IllegalArgumentException("not a valid announcement text: " + parsed.errors());
        }
        return parsed.template();
    }

    public Set<Placeholder> placeholders() {
        Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
        collect(parts, used);
        return used;
    }

    private static void collect(List<Part> parts, Set<Placeholder> used) {
        for (Part p : parts) {
            if (p instanceof Value v) {
                used.add(v.placeholder());
            } else if (p instanceof Conditional c) {
                used.add(c.flag());
                collect(c.shown(), used);
            }
        }
    }

    /**
     * The text for one recipient.
     *
     * @param values a recipient's value of each placeholder (never null; empty when it has none)
     */
    public String render(Function<Placeholder, String> values) {
        StringBuilder out = new StringBuilder();
        render(parts, values, out);
        return out.toString();
    }

    private static void render(List<Part> parts, Function<Placeholder, String> values, StringBuilder out) {
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Value v) {
                out.append(values.apply(v.placeholder()));
            } else if (p instanceof Conditional c && !values.apply(c.flag()).isBlank()) {
                render(c.shown(), values, out);
            }
        }
    }

    private static String excerpt(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
