package dev.bookwise.query.availability;

import org.springframework.stereotype.Component;

/**
 * {@code GET /api/availability} for other ways of delivering it (the live stream and socket): the
 * controller's own method, so that validation, problems and the answer are the same to the byte.
 */
@Component
public class AvailabilityReads {

    /** The request's parameters as the client wrote them (null: absent). */
    public record Params(
            String hostId, String teamId, String eventTypeId, String date, String from, String to, String timezone) {}

    private final AvailabilityController controller;

    AvailabilityReads(AvailabilityController controller) {
        this.controller = controller;
    }

    /**
     * The body {@code GET /api/availability} answers for {@code params}, to be written with the
     * application's JSON mapper.
     *
     * @throws dev.bookwise.errors.BookwiseException the problem the GET answers for a bad request
     */
    public Object read(Params params) {
        return controller.availability(
                params.hostId(),
                params.teamId(),
                params.eventTypeId(),
                params.date(),
                params.from(),
                params.to(),
                params.timezone());
    }
}
