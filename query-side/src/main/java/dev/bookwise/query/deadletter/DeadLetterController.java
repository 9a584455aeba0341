package dev.bookwise.query.deadletter;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: the events a projection or the Kafka publisher parked, and retrying or evicting a host's sequence. */
@RestController
@Tag(
        name = "Dead letters",
        description =
                "Events a processing group could not apply, parked per host with that host's later events (admin)")
class DeadLetterController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(
            summary = "List parked events (admin)",
            description = "Counts per processing group, then the letters in group, host and order. The first letter "
                    + "of a sequence is the event that failed (its cause and attempts); the others wait behind it. "
                    + "Page with next as cursor.")
    DeadLetters.Listing list(
            @Parameter(description = "only this processing group") @RequestParam(required = false)
                    String processingGroup,
            @Parameter(description = "only this sequence (the host id)") @RequestParam(required = false)
                    String sequenceId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            Caller caller) {
        caller.requireAdmin();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.list(processingGroup, sequenceId, size, cursor);
    }

    @PostMapping("/api/admin/dead-letters/{processingGroup}/{sequenceId}/retry")
    @Operation(
            summary = "Retry a host's parked events (admin)",
            description = "Runs the sequence through the group's handler again, in order. Each event applied leaves "
                    + "the queue; the first that fails again stays parked, with its new cause, in front of the rest. "
                    + "remaining 0: the host is caught up and its new events are applied directly again.")
    DeadLetters.Retried retry(@PathVariable String processingGroup, @PathVariable String sequenceId, Caller caller) {
        caller.requireAdmin();
        return deadLetters.retry(processingGroup, sequenceId);
    }

    @DeleteMapping("/api/admin/dead-letters/{processingGroup}/{sequenceId}")
    @Operation(
            summary = "Evict a host's parked events (admin)",
            description = "Removes every letter of the sequence: this group never applies those events (a read-model "
                    + "rebuild would try them again; for kafka-publisher they are never published).")
    DeadLetters.Evicted evict(@PathVariable String processingGroup, @PathVariable String sequenceId, Caller caller) {
        caller.requireAdmin();
        return deadLetters.evict(processingGroup, sequenceId);
    }
}
