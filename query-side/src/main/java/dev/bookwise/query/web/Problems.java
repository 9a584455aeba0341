package dev.bookwise.query.web;

import dev.bookwise.errors.ErrorCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** RFC 9457 problems carrying the contract's stable {@code code}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatus(code.status());
        problem.setType(URI.create("urn:bookwise:problem:" + code.code()));
        problem.setTitle(code.title());
        problem.setDetail(detail);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("code", code.code());
        return problem;
    }

    /** The contract's code for a status Spring raised by itself (bad JSON, wrong method, ...). */
    public static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }
}
