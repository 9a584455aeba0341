package dev.bookwise.query.availability;

import dev.bookwise.calendar.Zones;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.request.TimeParams;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public: which starts can be booked now, for one date or a range of dates read in {@code timezone}. */
@RestController
class AvailabilityController {

    static final int MAX_DAYS = 62;
    /** Instants as ISO text in UTC; {@code localStart} is the start in the requested zone. */
    record SlotView(String start, String end, String localStart) {}

    record Availability(UUID hostId, String timezone, LocalDate from, LocalDate to, List<SlotView> slots) {}

    private final AvailabilityService availability;
    private final Clock clock = Clock.systemUTC();

    AvailabilityController(AvailabilityService availability) {
        this.availability = availability;
    }

    @GetMapping("/api/availability")
    Availability availability(
            @RequestParam(required = false) String hostId,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
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
        AvailabilityService.HostSchedule calendar = availability
                .hostSchedule(host)
                .orElseThrow(() -> new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + host));
        ZoneId zone = ZoneId.of(timezone == null ? calendar.timeZone() : timezone);
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        ZoneRules rules = zone.getRules();
        List<SlotView> slots = availability.freeSlots(host, calendar.schedule(), start, end, clock.instant()).stream()
                .map(slot -> new SlotView(
                        SlotText.utc(slot.start()), SlotText.utc(slot.end()), SlotText.local(slot.start(), rules)))
                .toList();
        return new Availability(host, zone.getId(), first, last, slots);
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
        return TimeParams.date(name, value);
    }
}
