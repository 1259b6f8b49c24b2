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
 * recipient's value, {@code ((flag??text))} shows {@code text} only when the recipient's {@code flag} is not empty.
 * Text between the parentheses is plain (no placeholder inside a condition), as in Notify.
 */
public final class MessageTemplate {
    private sealed interface Part permits Literal, Value, Conditional {
    }

    private record Literal(String text) implements Part {
    }

    private record Value(Placeholder placeholder) implements Part {
    }

    private record Conditional(Placeholder flag, String text) implements Part {
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
        List<Part> parts = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String source = text == null ? "" : text;
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("((", at);
            if (open < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            int close = source.indexOf("))", open + 2);
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
            Optional<Placeholder> placeholder = Placeholder.of(key);
            if (placeholder.isEmpty() || key.isBlank()) {
                errors.add(FieldError.of(field, "unknown_placeholder", excerpt(key.strip())));
            } else if (condition < 0) {
                parts.add(new Value(placeholder.get()));
            } else {
                parts.add(new Conditional(placeholder.get(), inside.substring(condition + 2)));
            }
            at = close + 2;
        }
        return new Parsed(errors.isEmpty() ? new MessageTemplate(parts) : null, errors);
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
        for (Part p : parts) {
            if (p instanceof Value v) {
                used.add(v.placeholder());
            } else if (p instanceof Conditional c) {
                used.add(c.flag());
            }
        }
        return used;
    }

    /**
     * The text for one recipient.
     *
     * @param values a recipient's value of each placeholder (never null; empty when it has none)
     */
    public String render(Function<Placeholder, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Value v) {
                out.append(values.apply(v.placeholder()));
            } else if (p instanceof Conditional c && !values.apply(c.flag()).isBlank()) {
                out.append(c.text());
            }
        }
        return out.toString();
    }

    private static String excerpt(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
