package dev.bookwise.query.web;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.web.auth.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code ?minPosition=N} on any read: wait (bounded) until the projections have processed the
 * write that returned {@code X-Bookwise-Position: N}; if the wait runs out, answer with what there
 * is and say so in {@code X-Bookwise-Stale: true}. Only callers with a key wait: an anonymous read
 * is answered at once, marked stale if the position is not reached yet. A position past the store's
 * last event was never returned by a write: 400.
 */
@Component
class MinPositionInterceptor implements HandlerInterceptor {

    static final String STALE = "X-Bookwise-Stale";

    private final Freshness freshness;

    MinPositionInterceptor(Freshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String value = request.getParameter("minPosition");
        if (value == null) {
            return true;
        }
        long position = parse(value);
        if (request.getAttribute(ApiKeyFilter.CALLER) == null) {
            if (!freshness.reachedNow(position)) {
                response.setHeader(STALE, "true");
            }
            return true;
        }
        switch (freshness.awaitPosition(position)) {
            case REACHED -> {}
            case TIMED_OUT -> response.setHeader(STALE, "true");
            case BEYOND_STORE ->
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST,
                        "minPosition is past the last event in the store: use the X-Bookwise-Position of a write");
        }
        return true;
    }

    static long parse(String value) {
        long position;
        try {
            position = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "minPosition must be a whole number");
        }
        if (position < 0) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "minPosition must not be negative");
        }
        return position;
    }
}
