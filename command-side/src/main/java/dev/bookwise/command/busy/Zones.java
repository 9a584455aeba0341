package dev.bookwise.command.busy;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ZoneRulesBuilder;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * The time zone rules a TZID stands for. A TZID that names a zone of the tz database (also inside
 * a longer name such as {@code /mozilla.org/20050126_1/Europe/Paris}) gets the Java runtime's
 * rules, which are kept current; others (Outlook's "W. Europe Standard Time") are read from the
 * calendar's own VTIMEZONE with ical4j. A TZID with neither is read in the host's zone, as a
 * floating time would be: an event at the wrong hour is more useful than a feed refused.
 */
final class Zones {

    private final ZoneRules host;
    private final Map<String, String> definitions = new HashMap<>();
    private final Map<String, ZoneRules> resolved = new HashMap<>();

    Zones(ZoneId host, List<CalendarText.Component> calendars) {
        this.host = host.getRules();
        for (CalendarText.Component calendar : calendars) {
            for (CalendarText.Component child : calendar.children) {
                if (child.text != null) {
                    tzid(child.text).ifPresent(id -> definitions.putIfAbsent(id, child.text.toString()));
                }
            }
        }
    }

    /** The host's rules: for floating times and all-day dates. */
    ZoneRules host() {
        return host;
    }

    /** The rules for a TZID parameter; null (no TZID) means floating, the host's zone. */
    ZoneRules rules(String tzid) {
        if (tzid == null || tzid.isBlank()) {
            return host;
        }
        return resolved.computeIfAbsent(tzid, this::resolve);
    }

    private ZoneRules resolve(String tzid) {
        Optional<ZoneId> known = known(tzid);
        if (known.isPresent()) {
            return known.get().getRules();
        }
        String definition = definitions.get(tzid);
        if (definition != null) {
            try {
                Calendar calendar = new CalendarBuilder()
                        .build(new StringReader(
                                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//BookWise//busy times//EN\r\n" + definition
                                        + "END:VCALENDAR\r\n"));
                Optional<VTimeZone> zone = calendar.getComponent(Component.VTIMEZONE);
                if (zone.isPresent()) {
                    return new ZoneRulesBuilder().vTimeZone(zone.get()).build();
                }
            } catch (Exception e) {
                // a definition ical4j cannot read: the host's zone, as for a TZID without one
            }
        }
        return host;
    }

    /** A tz database zone named by the TZID or by its end (after a vendor prefix). */
    static Optional<ZoneId> known(String tzid) {
        String id = tzid.strip();
        int from = 0;
        while (true) {
            String candidate = id.substring(from);
            // after a prefix only Area/Location names count: "Paris" alone names no zone
            if (!candidate.isEmpty() && (from == 0 || candidate.contains("/"))) {
                try {
                    return Optional.of(ZoneId.of(candidate));
                } catch (DateTimeException e) {
                    // not this suffix; try a shorter one
                }
            }
            int slash = id.indexOf('/', from);
            if (slash < 0) {
                return Optional.empty();
            }
            from = slash + 1;
        }
    }

    private static Optional<String> tzid(StringBuilder definition) {
        for (String line : definition.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "TZID", 0, 4) && line.indexOf(':') > 0) {
                return Optional.of(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return Optional.empty();
    }
}
