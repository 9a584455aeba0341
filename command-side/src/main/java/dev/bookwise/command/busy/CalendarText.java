package dev.bookwise.command.busy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * iCalendar (RFC 5545) text as a tree of components, keeping only what busy times are computed
 * from. Lines are unfolded and split into name, parameters and value here rather than by ical4j's
 * calendar builder: a feed of tens of thousands of events is read in one pass without building
 * every property, and a malformed line in one event (feeds carry many) is skipped instead of
 * failing the whole calendar. Time zone definitions are kept whole, as text, for ical4j to turn
 * into rules when their TZID is not a known zone.
 */
final class CalendarText {

    /** The properties busy times depend on; everything else (descriptions, attendees) is dropped while reading. */
    private static final Set<String> KEPT = Set.of(
            "UID",
            "DTSTART",
            "DTEND",
            "DURATION",
            "RRULE",
            "RDATE",
            "EXDATE",
            "RECURRENCE-ID",
            "STATUS",
            "TRANSP",
            "FREEBUSY");

    /** Components read; the others (VTODO, VJOURNAL, VALARM inside an event…) are skipped with their contents. */
    private static final Set<String> READ = Set.of("VCALENDAR", "VEVENT", "VFREEBUSY", "VTIMEZONE");

    record Property(String name, Map<String, String> parameters, String value) {
        /** A parameter's value without quotes, or null; names are upper case. */
        String parameter(String name) {
            return parameters.get(name);
        }
    }

    static final class Component {
        final String name;
        final List<Property> properties = new ArrayList<>(8);
        final List<Component> children = new ArrayList<>();
        /** The unfolded lines of a VTIMEZONE, for ical4j; null for other components. */
        final StringBuilder text;

        Component(String name) {
            this.name = name;
            this.text = name.equals("VTIMEZONE") ? new StringBuilder() : null;
        }

        Property first(String property) {
            for (Property p : properties) {
                if (p.name.equals(property)) {
                    return p;
                }
            }
            return null;
        }

        List<Property> all(String property) {
            List<Property> found = new ArrayList<>(2);
            for (Property p : properties) {
                if (p.name.equals(property)) {
                    found.add(p);
                }
            }
            return found;
        }

        String value(String property) {
            Property p = first(property);
            return p == null ? null : p.value;
        }
    }

    private CalendarText() {}

    /**
     * The VCALENDAR components of the text (a feed may hold more than one).
     *
     * @throws BusySourceException NOT_ICALENDAR when the text does not start with BEGIN:VCALENDAR;
     *     TOO_LARGE when it holds more than {@code maxComponents} events and free/busy components
     */
    static List<Component> parse(String text, int maxComponents) throws BusySourceException {
        int begin = start(text);
        if (!looksLikeICalendar(text)) {
            throw new BusySourceException(
                    BusySourceException.Kind.NOT_ICALENDAR,
                    "the calendar is not iCalendar (it starts with \"" + preview(text) + "\")");
        }
        List<Component> calendars = new ArrayList<>(1);
        List<Component> open = new ArrayList<>(); // the components the current line is inside
        int skipping = 0; // depth inside a component that is not read
        int zoneDepth = 0; // depth inside a time zone's observances
        int components = 0;
        int at = begin;
        StringBuilder line = new StringBuilder(128);
        while (at < text.length()) {
            line.setLength(0);
            at = unfold(text, at, line);
            if (line.isEmpty()) {
                continue;
            }
            String content = line.toString();
            Component innermost = open.isEmpty() ? null : open.get(open.size() - 1);
            if (innermost != null && innermost.text != null) {
                // a time zone is kept whole, observances and all, for ical4j to read
                innermost.text.append(content).append("\r\n");
                if (startsWithIgnoreCase(content, "BEGIN:")) {
                    zoneDepth++;
                } else if (startsWithIgnoreCase(content, "END:") && zoneDepth-- == 0) {
                    zoneDepth = 0;
                    open.remove(open.size() - 1);
                }
                continue;
            }
            if (startsWithIgnoreCase(content, "BEGIN:")) {
                String name = content.substring(6).trim().toUpperCase(Locale.ROOT);
                if (skipping > 0 || !READ.contains(name) || (open.isEmpty() != name.equals("VCALENDAR"))) {
                    skipping++;
                    continue;
                }
                Component component = new Component(name);
                if (open.isEmpty()) {
                    calendars.add(component);
                } else {
                    open.get(open.size() - 1).children.add(component);
                    if (!name.equals("VTIMEZONE") && ++components > maxComponents) {
                        throw new BusySourceException(
                                BusySourceException.Kind.TOO_LARGE,
                                "the calendar holds more than " + maxComponents + " events");
                    }
                }
                if (component.text != null) {
                    component.text.append(content).append("\r\n");
                }
                open.add(component);
                continue;
            }
            if (startsWithIgnoreCase(content, "END:")) {
                if (skipping > 0) {
                    skipping--;
                } else if (!open.isEmpty()) {
                    open.remove(open.size() - 1);
                }
                continue;
            }
            if (skipping > 0 || open.isEmpty()) {
                continue;
            }
            Property property = property(content);
            if (property != null && KEPT.contains(property.name)) {
                innermost.properties.add(property);
            }
        }
        return calendars;
    }

    /** Whether the text starts (after a byte order mark and white space) with BEGIN:VCALENDAR. */
    static boolean looksLikeICalendar(String text) {
        return text.regionMatches(true, start(text), "BEGIN:VCALENDAR", 0, "BEGIN:VCALENDAR".length());
    }

    private static int start(String text) {
        int begin = text.startsWith("\uFEFF") ? 1 : 0;
        while (begin < text.length() && Character.isWhitespace(text.charAt(begin))) {
            begin++;
        }
        return begin;
    }

    /** Appends the logical line starting at {@code at} (continuation lines joined) and returns where the next starts. */
    private static int unfold(String text, int at, StringBuilder line) {
        int length = text.length();
        while (true) {
            int end = text.indexOf('\n', at);
            int next = end < 0 ? length : end + 1;
            int stop = end < 0 ? length : end;
            if (stop > at && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            line.append(text, at, stop);
            if (next < length && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                at = next + 1; // RFC 5545 3.1: a line starting with white space continues the previous one
                continue;
            }
            return next;
        }
    }

    /** name *(";" param) ":" value, or null for a line that is none (it is skipped). */
    private static Property property(String line) {
        int i = 0;
        int length = line.length();
        while (i < length && line.charAt(i) != ';' && line.charAt(i) != ':') {
            i++;
        }
        if (i == 0 || i == length) {
            return null;
        }
        String name = line.substring(0, i).trim().toUpperCase(Locale.ROOT);
        Map<String, String> parameters = Map.of();
        while (i < length && line.charAt(i) == ';') {
            int equals = line.indexOf('=', i);
            if (equals < 0) {
                return null;
            }
            String parameter = line.substring(i + 1, equals).trim().toUpperCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            boolean quoted = false;
            while (i < length) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == ';' || c == ':')) {
                    break;
                } else {
                    value.append(c);
                }
                i++;
            }
            if (parameters.isEmpty()) {
                parameters = new HashMap<>(4);
            }
            parameters.put(parameter, value.toString());
        }
        if (i >= length || line.charAt(i) != ':') {
            return null;
        }
        return new Property(name, parameters, line.substring(i + 1).trim());
    }

    private static boolean startsWithIgnoreCase(String line, String prefix) {
        return line.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The first characters of a text that is not iCalendar, printable, for an error message. */
    static String preview(String text) {
        String rest = text.substring(start(text));
        String first = rest.length() > 40 ? rest.substring(0, 40) + "…" : rest;
        return first.replaceAll("[\\p{Cntrl}\"]", " ").strip();
    }
}
