package dev.bookwise.query.web;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code ?minPosition=N} on any read: wait (bounded) until the projections have processed the
 * write that returned {@code X-Bookwise-Position: N}; if the wait runs out, answer with what there
 * is and say so in {@code X-Bookwise-Stale: true}. Waiting readers share one poller of the
 * projections' positions. A position past the store's last event was never returned by a write and
 * could only be waited for in vain: it is answered at once, marked stale. (Anonymous availability reads wait too, as the
 * contract promises read-your-writes on every read; they are rate-limited by address before.)
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
        switch (freshness.awaitPosition(position)) {
            case REACHED -> {}
            case TIMED_OUT, BEYOND_STORE -> response.setHeader(STALE, "true");
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
