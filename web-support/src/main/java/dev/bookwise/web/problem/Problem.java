package dev.bookwise.web.problem;

import dev.bookwise.errors.ErrorCode;

/**
 * An RFC 9457 problem as both sides answer it: the standard members plus the stable {@code code}.
 *
 * @param type     {@code urn:bookwise:problem:<code>}
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance) {
        return new Problem(
                "urn:bookwise:problem:" + code.code(), code.title(), code.status(), detail, instance, code.code());
    }
}
