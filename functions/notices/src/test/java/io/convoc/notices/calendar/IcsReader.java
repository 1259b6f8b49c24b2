package io.convoc.notices.calendar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reader of iCalendar written from RFC 5545 alone (section 3.1), to check what ical4j writes without trusting ical4j
 * to read it back: unfolds lines (on bytes, as a fold may fall inside a UTF-8 sequence), splits each content line into
 * name, parameters and value, and tracks the BEGIN/END components it sits in.
 */
final class IcsReader {

    /** A component (VCALENDAR, VEVENT…) with its properties, in order, and the components inside it. */
    record Component(String name, List<Property> properties, List<Component> components) {

        Optional<Property> property(String name) {
            return properties.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        String value(String name) {
            return property(name).orElseThrow(() -> new AssertionError(this.name + " has no " + name)).value();
        }

        List<Component> all(String name) {
            return components.stream().filter(c -> c.name().equals(name)).toList();
        }
    }

    /** @param value the raw value, escapes as written */
    record Property(String name, Map<String, String> parameters, String value) {

        /** A TEXT value with its escapes undone (\\, \; \, \n). */
        String text() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length()) {
                    char next = value.charAt(++i);
                    out.append(next == 'n' || next == 'N' ? '\n' : next);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    private IcsReader() {
    }

    static Component read(byte[] ics) {
        for (int i = 0; i < ics.length; i++) {
            if (ics[i] == '\n' && (i == 0 || ics[i - 1] != '\r')) {
                throw new AssertionError("a line ends without CR at byte " + i);
            }
        }
        Deque<Component> open = new ArrayDeque<>();
        Component root = null;
        for (String line : new String(unfold(ics), StandardCharsets.UTF_8).split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Property p = parse(line);
            if (p.name().equals("BEGIN")) {
                Component c = new Component(p.value(), new ArrayList<>(), new ArrayList<>());
                if (open.isEmpty()) {
                    root = c;
                } else {
                    open.peek().components().add(c);
                }
                open.push(c);
            } else if (p.name().equals("END")) {
                Component c = open.pop();
                if (!c.name().equals(p.value())) {
                    throw new AssertionError("END:" + p.value() + " closes " + c.name());
                }
            } else {
                open.peek().properties().add(p);
            }
        }
        if (root == null || !open.isEmpty()) {
            throw new AssertionError("not one closed component");
        }
        return root;
    }

    // a CRLF followed by a space or a tab is a fold: both go
    private static byte[] unfold(byte[] ics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ics.length);
        for (int i = 0; i < ics.length; i++) {
            if (ics[i] == '\r' && i + 2 < ics.length && ics[i + 1] == '\n' && (ics[i + 2] == ' ' || ics[i + 2] == '\t')) {
                i += 2;
                continue;
            }
            out.write(ics[i]);
        }
        return out.toByteArray();
    }

    // name *(";" param) ":" value, where a quoted parameter value may hold ; and :
    private static Property parse(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (i < line.length() && line.charAt(i) == ';') {
            int start = ++i;
            boolean quoted = false;
            while (i < line.length() && (quoted || (line.charAt(i) != ';' && line.charAt(i) != ':'))) {
                if (line.charAt(i) == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            String parameter = line.substring(start, i);
            int eq = parameter.indexOf('=');
            parameters.put(parameter.substring(0, eq), parameter.substring(eq + 1).replace("\"", ""));
        }
        if (i >= line.length()) {
            throw new AssertionError("no value in: " + line);
        }
        return new Property(name, parameters, line.substring(i + 1));
    }
}
