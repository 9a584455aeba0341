package dev.bookwise.command.busy;

import dev.bookwise.calendar.BusyInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;

/**
 * The busy intervals of iCalendar text (RFC 5545) within a window, as the host's calendar counts
 * them: sorted, overlapping and touching intervals merged, clipped to the window.
 * <ul>
 *   <li>Every VEVENT counts unless it is {@code TRANSP:TRANSPARENT} or {@code STATUS:CANCELLED}
 *       (tentative events count: the time is likely taken).
 *   <li>Recurring events (RRULE, RDATE, EXDATE) are expanded within the window in their own time
 *       zone, so a weekly 09:00 Europe/Paris meeting stays at 09:00 Paris time across daylight
 *       saving changes. An instance replaced by a component with its RECURRENCE-ID takes that
 *       component's times, or none when that one is cancelled or transparent. RANGE=THISANDFUTURE
 *       is read as replacing the one instance.
 *   <li>DATE values (all-day events) and floating date-times are in the host's zone. An all-day
 *       event without DTEND or DURATION lasts its day; a timed one without them has no length
 *       (RFC 5545 3.6.1) and blocks nothing.
 *   <li>VFREEBUSY components count with their FREEBUSY periods of type BUSY, BUSY-TENTATIVE and
 *       BUSY-UNAVAILABLE (not FREE).
 *   <li>A value that cannot be read (a malformed date, an unknown rule part) drops the event it is
 *       in, not the calendar.
 * </ul>
 * Bounds: at most {@link #MAX_CHARS} characters of text, {@link #MAX_COMPONENTS} events and
 * free/busy components, {@link #MAX_OCCURRENCES} occurrences generated while expanding (those a
 * COUNT rule makes before the window included) and {@link #MAX_INTERVALS} busy intervals in the
 * window before merging; past one the text is refused with a {@link BusySourceException}, never
 * read in part. The cost of expanding a rule without COUNT does not grow with its age: its first
 * occurrence is moved, by whole periods, to just before the window.
 */
public final class BusyTimes {

    public static final int MAX_CHARS = 32 * 1024 * 1024;
    public static final int MAX_COMPONENTS = 200_000;
    public static final int MAX_OCCURRENCES = 1_000_000;
    public static final int MAX_INTERVALS = 200_000;

    /** Offsets are within ±18 hours: local windows this much wider hold every instant of the window. */
    private static final long MARGIN_DAYS = 2;

    private static final Pattern DURATION = Pattern.compile(
            "([+-])?P(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?(?:T(?:(\\d{1,6})H)?(?:(\\d{1,8})M)?(?:(\\d{1,10})S)?)?");

    private final ZoneId hostZone;
    private final Instant from;
    private final Instant to;
    private Zones zones;
    private int occurrences;
    private final List<BusyInterval> found = new ArrayList<>();

    private BusyTimes(ZoneId hostZone, Instant from, Instant to) {
        this.hostZone = hostZone;
        this.from = from;
        this.to = to;
    }

    /** The busy intervals of one calendar (an iCalendar feed) within [from, to). */
    public static List<BusyInterval> of(String calendar, ZoneId hostZone, Instant from, Instant to)
            throws BusySourceException {
        return of(List.of(calendar), hostZone, from, to);
    }

    /**
     * The busy intervals of calendars read together (a CalDAV collection's objects) within [from,
     * to). Instances are matched to their overrides by UID across all of them.
     */
    public static List<BusyInterval> of(List<String> calendars, ZoneId hostZone, Instant from, Instant to)
            throws BusySourceException {
        if (!to.isAfter(from)) {
            return List.of();
        }
        long chars = 0;
        for (String calendar : calendars) {
            chars += calendar.length();
        }
        if (chars > MAX_CHARS) {
            throw new BusySourceException(
                    BusySourceException.Kind.TOO_LARGE,
                    "the calendar is larger than " + MAX_CHARS / (1024 * 1024) + " MiB");
        }
        List<CalendarText.Component> parsed = new ArrayList<>();
        int components = 0;
        for (String calendar : calendars) {
            List<CalendarText.Component> read = CalendarText.parse(calendar, MAX_COMPONENTS - components);
            for (CalendarText.Component c : read) {
                components += c.children.size();
            }
            parsed.addAll(read);
        }
        BusyTimes busy = new BusyTimes(hostZone, from, to);
        busy.read(parsed);
        return merge(busy.found);
    }

    private void read(List<CalendarText.Component> calendars) throws BusySourceException {
        zones = new Zones(hostZone, calendars);
        List<CalendarText.Component> events = new ArrayList<>();
        for (CalendarText.Component calendar : calendars) {
            for (CalendarText.Component child : calendar.children) {
                if (child.name.equals("VEVENT")) {
                    events.add(child);
                } else if (child.name.equals("VFREEBUSY")) {
                    freeBusy(child);
                }
            }
        }
        // the instances each UID's overrides replace, by the instant of the instance they replace
        Map<String, Set<Instant>> replaced = new HashMap<>();
        for (CalendarText.Component event : events) {
            CalendarText.Property recurrenceId = event.first("RECURRENCE-ID");
            String uid = event.value("UID");
            if (recurrenceId != null && uid != null) {
                Moment replacedStart = moment(recurrenceId);
                if (replacedStart != null) {
                    replaced.computeIfAbsent(uid, u -> new HashSet<>()).add(replacedStart.instant(zones.host()));
                }
            }
        }
        for (CalendarText.Component event : events) {
            boolean override = event.first("RECURRENCE-ID") != null;
            Set<Instant> skip = override
                    ? Set.of()
                    : replaced.getOrDefault(event.value("UID") == null ? "" : event.value("UID"), Set.of());
            event(event, override, skip);
        }
    }

    private void event(CalendarText.Component event, boolean override, Set<Instant> replaced)
            throws BusySourceException {
        if ("TRANSPARENT".equalsIgnoreCase(event.value("TRANSP"))
                || "CANCELLED".equalsIgnoreCase(event.value("STATUS"))) {
            return;
        }
        CalendarText.Property startProperty = event.first("DTSTART");
        if (startProperty == null) {
            return;
        }
        Moment start = moment(startProperty);
        if (start == null) {
            return;
        }
        Span span = span(event, start);
        if (span == null) {
            return; // a timed event without length, or an unreadable end: it takes no time
        }
        List<CalendarText.Property> rules = override ? List.of() : event.all("RRULE");
        List<CalendarText.Property> rdates = override ? List.of() : event.all("RDATE");
        if (rules.isEmpty() && rdates.isEmpty()) {
            add(start.instant(zones.host()), span.end(start, zones.host()));
            return;
        }
        Set<Instant> excluded = new HashSet<>(replaced);
        for (CalendarText.Property exdate : event.all("EXDATE")) {
            for (Moment m : moments(exdate)) {
                excluded.add(m.instant(zones.host()));
            }
        }
        Set<Instant> seen = new HashSet<>();
        instance(start, span, excluded, seen); // DTSTART is always the first instance (RFC 5545 3.8.5.3)
        for (CalendarText.Property rule : rules) {
            expand(rule.value(), start, span, excluded, seen);
        }
        for (CalendarText.Property rdate : rdates) {
            rdate(rdate, start, span, excluded, seen);
        }
    }

    private void instance(Moment start, Span span, Set<Instant> excluded, Set<Instant> seen)
            throws BusySourceException {
        Instant at = start.instant(zones.host());
        if (!excluded.contains(at) && seen.add(at)) {
            add(at, span.end(start, zones.host()));
        }
    }

    /** One RRULE's occurrences near the window, generated by ical4j in the event's local time. */
    private void expand(String ruleText, Moment start, Span span, Set<Instant> excluded, Set<Instant> seen)
            throws BusySourceException {
        Until until = null;
        StringBuilder withoutUntil = new StringBuilder();
        for (String part : ruleText.split(";")) {
            if (part.regionMatches(true, 0, "UNTIL=", 0, 6)) {
                until = Until.parse(part.substring(6));
                if (until == null) {
                    return; // an unreadable end: the rule is dropped, DTSTART stays
                }
            } else if (!part.isBlank()) {
                withoutUntil.append(withoutUntil.isEmpty() ? "" : ";").append(part);
            }
        }
        Recur<Temporal> recur;
        try {
            recur = new Recur<>(withoutUntil.toString());
        } catch (RuntimeException e) {
            return; // a rule ical4j cannot read: only DTSTART counts
        }
        if (recur.getFrequency() == null) {
            return;
        }
        LocalDateTime windowStart = LocalDateTime.ofInstant(from, ZoneOffset.UTC)
                .minusDays(MARGIN_DAYS + span.days())
                .minusSeconds(span.seconds());
        LocalDateTime windowEnd = LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusDays(MARGIN_DAYS);
        Temporal seed = start.allDay() ? start.date() : start.local();
        Temporal periodEnd = start.allDay() ? windowEnd.toLocalDate() : windowEnd;
        if (recur.getCount() < 1) {
            seed = jump(recur, seed, start.allDay() ? windowStart.toLocalDate() : windowStart);
        }
        Iterator<Temporal> dates;
        try {
            dates = recur.getDatesAsStream(seed, seed, periodEnd, -1).iterator();
        } catch (RuntimeException e) {
            return;
        }
        while (true) {
            Temporal date;
            try {
                if (!dates.hasNext()) {
                    break;
                }
                date = dates.next();
            } catch (RuntimeException e) {
                break; // ical4j could not go on with this rule; what it gave counts
            }
            if (++occurrences > MAX_OCCURRENCES) {
                throw new BusySourceException(
                        BusySourceException.Kind.TOO_MANY_OCCURRENCES,
                        "the calendar's recurring events make more than " + MAX_OCCURRENCES + " occurrences");
            }
            Moment occurrence = date instanceof LocalDate d
                    ? new Moment(d, null, null)
                    : new Moment(null, (LocalDateTime) date, start.rules());
            if (until != null && until.endsBefore(occurrence, zones.host())) {
                break;
            }
            instance(occurrence, span, excluded, seen);
        }
    }

    /**
     * A later first occurrence for a rule without COUNT: DTSTART moved forward by whole periods
     * (days or weeks, or hours, minutes, seconds) to at least one period before the window, which
     * yields the same occurrences from there on. ical4j itself steps period by period from DTSTART,
     * which for a per-minute rule from years ago is millions of steps. Monthly and yearly rules are
     * not moved: adding months changes the day of month, and they have few periods anyway.
     */
    private static Temporal jump(Recur<Temporal> recur, Temporal seed, Temporal windowStart) {
        ChronoUnit unit = switch (recur.getFrequency()) {
            case SECONDLY -> ChronoUnit.SECONDS;
            case MINUTELY -> ChronoUnit.MINUTES;
            case HOURLY -> ChronoUnit.HOURS;
            case DAILY -> ChronoUnit.DAYS;
            case WEEKLY -> ChronoUnit.WEEKS;
            default -> null;
        };
        if (unit == null || !seed.isSupported(unit) || !windowStart.isSupported(unit)) {
            return seed;
        }
        long interval = Math.max(recur.getInterval(), 1);
        long periods = seed.until(windowStart, unit) / interval - 1;
        return periods > 0 ? seed.plus(periods * interval, unit) : seed;
    }

    private void rdate(CalendarText.Property rdate, Moment start, Span span, Set<Instant> excluded, Set<Instant> seen)
            throws BusySourceException {
        for (String value : rdate.value().split(",")) {
            int slash = value.indexOf('/');
            if (slash > 0) { // PERIOD: its own end or length
                Moment periodStart = moment(value.substring(0, slash), rdate.parameter("TZID"));
                if (periodStart == null) {
                    continue;
                }
                Instant at = periodStart.instant(zones.host());
                Instant end = periodEnd(periodStart, value.substring(slash + 1), rdate.parameter("TZID"));
                if (end != null && !excluded.contains(at) && seen.add(at)) {
                    add(at, end);
                }
            } else {
                Moment m = moment(value, rdate.parameter("TZID"));
                if (m != null) {
                    if (++occurrences > MAX_OCCURRENCES) {
                        throw new BusySourceException(
                                BusySourceException.Kind.TOO_MANY_OCCURRENCES,
                                "the calendar's recurring events make more than " + MAX_OCCURRENCES + " occurrences");
                    }
                    instance(m, span, excluded, seen);
                }
            }
        }
    }

    private void freeBusy(CalendarText.Component component) throws BusySourceException {
        for (CalendarText.Property property : component.all("FREEBUSY")) {
            String type = property.parameter("FBTYPE");
            if (type != null && !type.toUpperCase(Locale.ROOT).startsWith("BUSY")) {
                continue; // FREE, and experimental types that do not say busy
            }
            for (String period : property.value().split(",")) {
                int slash = period.indexOf('/');
                if (slash <= 0) {
                    continue;
                }
                Moment start = moment(period.substring(0, slash), property.parameter("TZID"));
                if (start == null) {
                    continue;
                }
                Instant end = periodEnd(start, period.substring(slash + 1), property.parameter("TZID"));
                if (end != null) {
                    add(start.instant(zones.host()), end);
                }
            }
        }
    }

    /** The end of a PERIOD value: a date-time or a duration from its start; null when unreadable. */
    private Instant periodEnd(Moment start, String endOrDuration, String tzid) {
        if (endOrDuration.startsWith("P") || endOrDuration.startsWith("+P")) {
            Span length = Span.parse(endOrDuration);
            return length == null ? null : length.end(start, zones.host());
        }
        Moment end = moment(endOrDuration, tzid);
        return end == null ? null : end.instant(zones.host());
    }

    /** How long the event's instances last, or null when they take no time. */
    private Span span(CalendarText.Component event, Moment start) {
        CalendarText.Property endProperty = event.first("DTEND");
        String duration = event.value("DURATION");
        if (endProperty != null) {
            Moment end = moment(endProperty);
            if (end != null) {
                if (start.allDay()) {
                    LocalDate endDate = end.allDay() ? end.date() : end.local().toLocalDate();
                    long days = ChronoUnit.DAYS.between(start.date(), endDate);
                    return new Span((int) Math.max(days, 1), 0);
                }
                long seconds = ChronoUnit.SECONDS.between(start.instant(zones.host()), end.instant(zones.host()));
                return seconds > 0 ? new Span(0, seconds) : null;
            }
        } else if (duration != null) {
            Span span = Span.parse(duration);
            if (span != null && start.allDay()) {
                // a date plus a length: whole days, rounded up
                long days = span.days() + (span.seconds() + 86_399) / 86_400;
                return days > 0 ? new Span((int) days, 0) : null;
            }
            return span == null || (span.days() == 0 && span.seconds() == 0) ? null : span;
        }
        return start.allDay() ? new Span(1, 0) : null;
    }

    private void add(Instant start, Instant end) throws BusySourceException {
        if (!end.isAfter(start) || !end.isAfter(from) || !start.isBefore(to)) {
            return;
        }
        if (found.size() >= MAX_INTERVALS) {
            throw new BusySourceException(
                    BusySourceException.Kind.TOO_MANY_OCCURRENCES,
                    "the calendar has more than " + MAX_INTERVALS + " busy times in the period read");
        }
        found.add(new BusyInterval(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
    }

    /** Sorted, with overlapping and touching intervals joined. */
    static List<BusyInterval> merge(List<BusyInterval> intervals) {
        List<BusyInterval> sorted = new ArrayList<>(intervals);
        Collections.sort(sorted);
        List<BusyInterval> merged = new ArrayList<>();
        for (BusyInterval next : sorted) {
            if (!merged.isEmpty()
                    && !next.start().isAfter(merged.get(merged.size() - 1).end())) {
                BusyInterval last = merged.remove(merged.size() - 1);
                merged.add(new BusyInterval(last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
            } else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }

    private Moment moment(CalendarText.Property property) {
        return moment(property.value(), property.parameter("TZID"));
    }

    private List<Moment> moments(CalendarText.Property property) {
        List<Moment> values = new ArrayList<>();
        for (String value : property.value().split(",")) {
            Moment m = moment(value, property.parameter("TZID"));
            if (m != null) {
                values.add(m);
            }
        }
        return values;
    }

    /** A DATE or DATE-TIME value; null when it is neither. */
    private Moment moment(String value, String tzid) {
        String v = value.strip();
        try {
            if (v.length() == 8) {
                return new Moment(LocalDate.of(number(v, 0, 4), number(v, 4, 6), number(v, 6, 8)), null, null);
            }
            boolean utc = v.endsWith("Z") || v.endsWith("z");
            String local = utc ? v.substring(0, v.length() - 1) : v;
            if ((local.length() != 15 && local.length() != 13) || Character.toUpperCase(local.charAt(8)) != 'T') {
                return null;
            }
            LocalDateTime dateTime = LocalDateTime.of(
                    number(local, 0, 4),
                    number(local, 4, 6),
                    number(local, 6, 8),
                    number(local, 9, 11),
                    number(local, 11, 13),
                    local.length() == 15 ? Math.min(number(local, 13, 15), 59) : 0);
            return new Moment(null, dateTime, utc ? ZoneOffset.UTC.getRules() : zones.rules(tzid));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int number(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new DateTimeParseException("not a number", text, i);
            }
        }
        return Integer.parseInt(text, from, to, 10);
    }

    /**
     * A date (all-day, in the host's zone) or a local date-time in its zone's rules (the host's for
     * floating times, UTC for times ending in Z).
     */
    record Moment(LocalDate date, LocalDateTime local, ZoneRules rules) {

        boolean allDay() {
            return date != null;
        }

        Instant instant(ZoneRules host) {
            return allDay() ? instant(date.atStartOfDay(), host) : instant(local, rules);
        }

        /**
         * The instant of a local time as {@link java.time.ZonedDateTime#ofLocal} resolves it: a time
         * in a spring-forward gap moves forward by the gap, one in an autumn overlap takes the
         * earlier offset. (A VTIMEZONE's rules have no ZoneId to build a ZonedDateTime with.)
         */
        static Instant instant(LocalDateTime local, ZoneRules rules) {
            List<ZoneOffset> offsets = rules.getValidOffsets(local);
            if (offsets.isEmpty()) {
                ZoneOffsetTransition gap = rules.getTransition(local);
                return local.plusSeconds(gap.getDuration().getSeconds()).toInstant(gap.getOffsetAfter());
            }
            return local.toInstant(offsets.get(0));
        }
    }

    /**
     * An instance's length: nominal days (the same local time so many days later, RFC 5545 3.3.6)
     * and then exact seconds.
     */
    record Span(int days, long seconds) {

        /** An RFC 5545 duration; null when malformed or negative. */
        static Span parse(String text) {
            Matcher m = DURATION.matcher(text.strip());
            if (!m.matches() || "-".equals(m.group(1)) || text.strip().endsWith("T")) {
                return null;
            }
            long weeks = group(m, 2);
            long days = group(m, 3);
            long seconds = group(m, 4) * 3600 + group(m, 5) * 60 + group(m, 6);
            long allDays = weeks * 7 + days;
            if (allDays > 100_000) {
                return null;
            }
            return new Span((int) allDays, seconds);
        }

        private static long group(Matcher m, int group) {
            return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        }

        Instant end(Moment start, ZoneRules host) {
            if (start.allDay()) {
                LocalDate endDate = start.date().plusDays(days + seconds / 86_400);
                return Moment.instant(endDate.atStartOfDay(), host).plusSeconds(seconds % 86_400);
            }
            return Moment.instant(start.local().plusDays(days), start.rules()).plusSeconds(seconds);
        }
    }

    /** A rule's UNTIL: a date, a UTC date-time, or a floating date-time (compared in local time). */
    private record Until(LocalDate date, Instant utc, LocalDateTime local) {

        static Until parse(String value) {
            String v = value.strip();
            try {
                if (v.length() == 8) {
                    return new Until(LocalDate.of(number(v, 0, 4), number(v, 4, 6), number(v, 6, 8)), null, null);
                }
                boolean utc = v.endsWith("Z") || v.endsWith("z");
                String l = utc ? v.substring(0, v.length() - 1) : v;
                if (l.length() != 15 || Character.toUpperCase(l.charAt(8)) != 'T') {
                    return null;
                }
                LocalDateTime local = LocalDateTime.of(
                        number(l, 0, 4),
                        number(l, 4, 6),
                        number(l, 6, 8),
                        number(l, 9, 11),
                        number(l, 11, 13),
                        Math.min(number(l, 13, 15), 59));
                return utc ? new Until(null, local.toInstant(ZoneOffset.UTC), null) : new Until(null, null, local);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** Whether the occurrence comes after UNTIL (UNTIL itself is included). */
        boolean endsBefore(Moment occurrence, ZoneRules host) {
            if (date != null) {
                LocalDate day = occurrence.allDay()
                        ? occurrence.date()
                        : occurrence.local().toLocalDate();
                return day.isAfter(date);
            }
            if (utc != null) {
                return occurrence.instant(host).isAfter(utc);
            }
            LocalDateTime at = occurrence.allDay() ? occurrence.date().atStartOfDay() : occurrence.local();
            return at.isAfter(local);
        }
    }
}
