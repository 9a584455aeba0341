package dev.bookwise.query.availability;

import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.Zones;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.host.HostDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Public: which starts can be booked now, for one date or a range of dates read in {@code timezone}. */
@RestController
class AvailabilityController {

    static final int MAX_DAYS = 62;
    private static final DateTimeFormatter LOCAL_WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    record SlotView(Instant start, Instant end, String localStart) {
    }

    record Availability(UUID hostId, String timezone, LocalDate from, LocalDate to, List<SlotView> slots) {
    }

    private final AvailabilityService availability;
    private final HostDirectory hosts;
    private final Clock clock;

    AvailabilityController(AvailabilityService availability, HostDirectory hosts) {
        this.availability = availability;
        this.hosts = hosts;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/api/availability")
    Availability availability(@RequestParam(required = false) String hostId, @RequestParam(required = false) String date,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String timezone) {
        UUID host = uuid(hostId);
        if (timezone != null && !Zones.isKnown(timezone)) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "unknown timezone '" + timezone + "'");
        }
        LocalDate first;
        LocalDate last;
        if (date != null) {
            if (from != null || to != null) {
                throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give date, or from and to, not both");
            }
            first = date("date", date);
            last = first;
        } else if (from != null && to != null) {
            first = date("from", from);
            last = date("to", to);
            if (last.isBefore(first)) {
                throw new BookwiseException(ErrorCode.INVALID_RANGE, "to is before from");
            }
            if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                throw new BookwiseException(ErrorCode.INVALID_RANGE, "a range may span at most " + MAX_DAYS + " days");
            }
        } else {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give date, or from and to");
        }
        String hostZone = hosts.timeZoneOf(host)
                .orElseThrow(() -> new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + host));
        ZoneId zone = ZoneId.of(timezone == null ? hostZone : timezone);
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<SlotView> slots = availability.freeSlots(host, hostZone, start, end, clock.instant()).stream()
                .map(slot -> view(slot, zone)).toList();
        return new Availability(host, zone.getId(), first, last, slots);
    }

    private static SlotView view(Slot slot, ZoneId zone) {
        return new SlotView(slot.start(), slot.end(), LOCAL_WITH_OFFSET.format(slot.start().atZone(zone)));
    }

    private static UUID uuid(String value) {
        if (value == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "hostId is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "hostId must be a UUID");
        }
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be a date like 2024-03-10");
        }
    }
}
