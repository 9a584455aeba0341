package dev.bookwise.query.availability;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/availability}: the parameters go to {@link AvailabilityReads} as written. */
@RestController
class AvailabilityController {

    private final AvailabilityReads reads;

    AvailabilityController(AvailabilityReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/availability")
    AvailabilityReads.Availability availability(
            @RequestParam(required = false) String hostId,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String eventTypeId,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String timezone) {
        return reads.availability(hostId, teamId, eventTypeId, date, from, to, timezone);
    }
}
