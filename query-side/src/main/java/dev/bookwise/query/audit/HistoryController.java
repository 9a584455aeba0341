package dev.bookwise.query.audit;

import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Audit reads straight from the event store, never from a projection ({@link AuditReads}). */
@RestController
class HistoryController {

    private final AuditReads audit;

    HistoryController(AuditReads audit) {
        this.audit = audit;
    }

    @GetMapping("/api/bookings/{bookingId}/history")
    List<AuditReads.Entry> bookingHistory(@PathVariable UUID bookingId, Caller caller) {
        return audit.bookingHistory(bookingId, caller);
    }

    @GetMapping("/api/hosts/{hostId}/history")
    AuditReads.CalendarAsOf hostAsOf(
            @PathVariable UUID hostId, @RequestParam(required = false) String asOf, Caller caller) {
        return audit.hostAsOf(hostId, asOf, caller);
    }
}
