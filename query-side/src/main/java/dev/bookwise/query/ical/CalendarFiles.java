package dev.bookwise.query.ical;

import dev.bookwise.query.booking.BookingState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Bookings as iCalendar (RFC 5545) text, built with ical4j. There is no METHOD: these are published
 * copies of the booking store (a download, a subscribed feed), not iTIP scheduling messages, so
 * DTSTAMP is when the booking last changed (RFC 5545 3.8.7.2) and the text is the same on every read
 * until the booking changes.
 */
final class CalendarFiles {

    static final String MEDIA_TYPE = "text/calendar; charset=utf-8";

    /** How often a subscribed client is asked to fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
    static final Duration FEED_REFRESH = Duration.ofHours(1);

    private static final String PRODUCT = "-//BookWise//BookWise//EN";

    private CalendarFiles() {}

    /** One booking, whatever its status. */
    static String booking(CalendarEntries.Entry entry) {
        Calendar calendar = calendar();
        calendar.add(event(entry));
        return text(calendar);
    }

    /** A host's feed: one VEVENT per entry, named after the host for clients that show a calendar name. */
    static String feed(CalendarEntries.Organizer host, List<CalendarEntries.Entry> entries) {
        Calendar calendar = calendar();
        calendar.add(new XProperty("X-WR-CALNAME", "BookWise: " + clean(host.name())));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), FEED_REFRESH));
        // the same hint in the form Outlook reads
        calendar.add(new XProperty("X-PUBLISHED-TTL", FEED_REFRESH.toString()));
        for (CalendarEntries.Entry entry : entries) {
            calendar.add(event(entry));
        }
        if (entries.isEmpty()) {
            // RFC 5545 3.4: a calendar holds at least one component; a feed with no bookings holds the UTC
            // zone (the zone of every time these files carry), which clients take as it is: nothing to show
            calendar.add(utc());
        }
        return text(calendar);
    }

    /**
     * A booking's STATUS. A reservation awaiting confirmation is TENTATIVE; a cancelled or expired one
     * CANCELLED (it holds no time). A completed booking and a no-show are CONFIRMED bookings whose time
     * has come: the meeting was held on the host's calendar, so it stays there as it was (RFC 5545
     * offers VEVENT no "done" status; COMPLETED is only a VTODO's).
     */
    static Status status(BookingState state) {
        return switch (state) {
            case RESERVED -> ImmutableStatus.VEVENT_TENTATIVE;
            case CONFIRMED, COMPLETED, NO_SHOW -> ImmutableStatus.VEVENT_CONFIRMED;
            case CANCELLED, EXPIRED -> ImmutableStatus.VEVENT_CANCELLED;
        };
    }

    /** The stable UID of a booking in every file: calendar clients match updates by it. */
    static String uid(CalendarEntries.Entry entry) {
        return entry.bookingId() + "@bookwise";
    }

    private static Calendar calendar() {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        return calendar;
    }

    private static VTimeZone utc() {
        Standard standard = new Standard();
        standard.add(new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)));
        standard.add(new TzOffsetFrom(ZoneOffset.UTC));
        standard.add(new TzOffsetTo(ZoneOffset.UTC));
        standard.add(new TzName("UTC"));
        return new VTimeZone(new PropertyList(List.of(new TzId("UTC"))), new ComponentList<>(List.of(standard)));
    }

    private static VEvent event(CalendarEntries.Entry entry) {
        // false: no DTSTAMP of "now"; it is the booking's last change, so that an unchanged booking reads the same
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(entry)));
        event.add(new DtStamp(entry.updatedAt()));
        // Instants: written in UTC (...Z), so no VTIMEZONE is needed
        event.add(new DtStart<>(entry.start()));
        event.add(new DtEnd<>(entry.end()));
        // SEQUENCE is an INTEGER (32 bits); a host calendar's sequence number will not get that far
        event.add(new Sequence((int) Math.min(entry.version(), Integer.MAX_VALUE)));
        event.add(status(entry.status()));
        event.add(new Summary(summary(entry)));
        event.add(new Description(description(entry)));
        event.add(new Created(entry.createdAt()));
        event.add(new LastModified(entry.updatedAt()));
        // a cancelled or expired booking no longer blocks the host's time; every other one does (or did)
        event.add(
                status(entry.status()) == ImmutableStatus.VEVENT_CANCELLED
                        ? ImmutableTransp.TRANSPARENT
                        : ImmutableTransp.OPAQUE);
        URI hostAddress = mailto(entry.host().email());
        if (hostAddress != null) {
            event.add(new Organizer(params(entry.host().name()), hostAddress));
        }
        URI attendeeAddress = mailto(entry.attendeeEmail());
        if (attendeeAddress != null) {
            List<Parameter> params =
                    new ArrayList<>(params(entry.attendeeName()).getAll());
            params.add(Role.REQ_PARTICIPANT);
            // the attendee booked the time themselves: nothing for a client to ask them
            params.add(PartStat.ACCEPTED);
            params.add(Rsvp.FALSE);
            event.add(new Attendee(new ParameterList(params), attendeeAddress));
        }
        return event;
    }

    /** The type's title; the default type's ("Default") says nothing, so then who meets whom. */
    private static String summary(CalendarEntries.Entry entry) {
        if (entry.typeTitle() != null && !entry.typeTitle().isBlank()) {
            return clean(entry.typeTitle());
        }
        String host = entry.host().name();
        return host == null || host.isBlank()
                ? "Booking with " + clean(entry.attendeeName())
                : clean(host) + " and " + clean(entry.attendeeName());
    }

    private static String description(CalendarEntries.Entry entry) {
        return "Booked by " + clean(entry.attendeeName()) + " <" + clean(entry.attendeeEmail()) + ">\n" + "Booking "
                + entry.bookingId() + " (" + entry.status() + ")";
    }

    private static ParameterList params(String name) {
        return name == null || clean(name).isBlank()
                ? new ParameterList()
                : new ParameterList(List.of(new Cn(clean(name))));
    }

    /** A mailto: URI with whatever the address holds quoted; null for an address that makes none. */
    private static URI mailto(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        try {
            return new URI("mailto", clean(email), null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Text from events as a content line can carry it: the command side refuses control characters, but
     * events are facts, and one that slipped in must not break a calendar file.
     */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString();
    }

    private static String text(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            // not validating on the way out: a fact ical4j's rules dislike must still be served; the tests validate
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
