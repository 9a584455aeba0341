package dev.bookwise.web.auth;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/** Who sent a request: the admin, or one host through its own key. */
public record Caller(boolean admin, UUID hostId) {

    public static final Caller ADMIN = new Caller(true, null);

    public static Caller host(UUID hostId) {
        return new Caller(false, hostId);
    }

    /** Idempotency keys are scoped to the caller. */
    public String principal() {
        return admin ? "admin" : hostId.toString();
    }

    public void requireAdmin() {
        if (!admin) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "only the admin key may do this");
        }
    }

    public void requireHost(UUID host) {
        if (!admin && !hostId.equals(host)) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this key may act only on host " + hostId);
        }
    }
}
