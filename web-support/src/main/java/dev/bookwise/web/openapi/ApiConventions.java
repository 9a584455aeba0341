package dev.bookwise.web.openapi;

/** The conventions every endpoint of both sides follows, as their OpenAPI documents state them. */
public final class ApiConventions {

    public static final String DESCRIPTION = """
            Errors are application/problem+json (RFC 9457) with a stable `code`: see docs/architecture.md#errors.
            Every POST/PUT/PATCH accepts an Idempotency-Key header (1-255 characters): a retry with the same key and body
            returns the first response; another body with the same key is 422 idempotency-key-reused; a key still in
            flight is 409 idempotency-key-in-flight. Writes answer X-Bookwise-Position; reads accept ?minPosition= to
            wait for that write (X-Bookwise-Stale: true when the wait runs out). Over the rate limits: 429 rate-limited
            with Retry-After.""";

    public static final String BEARER_DESCRIPTION = "The admin key (BOOKWISE_ADMIN_KEY) or a host's own key";

    private ApiConventions() {}
}
