package dev.bookwise.web.request;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: the {@code X-Request-Id} a client sends (if it is a sane token) or a new one. The
 * same id is the log context key, the Axon metadata key of every command and event a request
 * causes, and a Kafka header, so one booking can be followed from HTTP to the webhook.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Key in the logging context (MDC) and in Axon message metadata. */
    public static final String KEY = "requestId";
    /** Kafka record header carrying the id of the request that caused the event. */
    public static final String KAFKA_HEADER = "bookwise-request-id";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    /** The client's id when it is 1-128 characters of letters, digits and {@code . _ : -}; else a new UUID. */
    public static String accept(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }
}
