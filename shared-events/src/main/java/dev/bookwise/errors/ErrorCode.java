package dev.bookwise.errors;

/** The stable, machine-readable problem codes of the public contract, with their HTTP status. */
public enum ErrorCode {
    INVALID_REQUEST("invalid-request", 400, "Invalid request"),
    INVALID_TIME_ZONE("invalid-time-zone", 400, "Invalid time zone"),
    INVALID_SCHEDULE("invalid-schedule", 400, "Invalid schedule"),
    INVALID_WINDOW("invalid-window", 400, "Invalid availability window"),
    INVALID_RANGE("invalid-range", 400, "Invalid range"),
    INVALID_WEBHOOK_URL("invalid-webhook-url", 400, "Invalid webhook URL"),
    UNAUTHENTICATED("unauthenticated", 401, "Unauthenticated"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    HOST_NOT_FOUND("host-not-found", 404, "Host not found"),
    BOOKING_NOT_FOUND("booking-not-found", 404, "Booking not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    SLOT_UNAVAILABLE("slot-unavailable", 409, "Slot unavailable"),
    INVALID_TRANSITION("invalid-transition", 409, "Invalid status transition"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", 409, "Idempotency key in flight"),
    REBUILD_IN_PROGRESS("rebuild-in-progress", 409, "Rebuild in progress"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    SLOT_NOT_OFFERED("slot-not-offered", 422, "Slot not offered"),
    NONEXISTENT_LOCAL_TIME("nonexistent-local-time", 422, "Nonexistent local time"),
    AMBIGUOUS_LOCAL_TIME("ambiguous-local-time", 422, "Ambiguous local time"),
    SLOT_DURATION_MISMATCH("slot-duration-mismatch", 422, "Slot duration mismatch"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key reused"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable"),
    PROCESSING_GROUP_NOT_FOUND("processing-group-not-found", 404, "Processing group not found"),
    DEAD_LETTER_SEQUENCE_NOT_FOUND("dead-letter-sequence-not-found", 404, "Dead-letter sequence not found"),
    SUBSCRIPTION_LIMIT_REACHED("subscription-limit-reached", 422, "Subscription limit reached"),
    SUBSCRIPTION_DELETED("subscription-deleted", 409, "Subscription deleted"),
    INVALID_EVENT_TYPE("invalid-event-type", 400, "Invalid event type"),
    SLUG_TAKEN("slug-taken", 409, "Slug taken"),
    EVENT_TYPE_ARCHIVED("event-type-archived", 422, "Event type archived"),
    INVALID_ANSWERS("invalid-answers", 400, "Invalid answers"),
    BOOKING_LIMIT_REACHED("booking-limit-reached", 409, "Booking limit reached"),
    CUTOFF_PASSED("cutoff-passed", 422, "Cutoff passed"),
    INVALID_SOURCE_URL("invalid-source-url", 400, "Invalid source URL"),
    TEAM_NOT_FOUND("team-not-found", 404, "Team not found"),
    EVENT_TYPE_NOT_FOUND("event-type-not-found", 404, "Event type not found");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code for a status the web framework raised by itself (bad JSON, wrong method, ...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
