package dev.bookwise.web.auth;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/**
 * Who sent a request: the admin, one host through its own key, or the attendee of one booking
 * through that booking's manage token. An attendee has no host: every host check refuses it, so a
 * manage token can never act as its host's key.
 */
public record Caller(boolean admin, UUID hostId, UUID bookingId) {

    public static final Caller ADMIN = new Caller(true, null, null);

    public Caller(boolean admin, UUID hostId) {
        this(admin, hostId, null);
    }

    public static Caller host(UUID hostId) {
        return new Caller(false, hostId, null);
    }

    /** The attendee holding the manage token of {@code bookingId}. */
    public static Caller attendee(UUID bookingId) {
        return new Caller(false, null, bookingId);
    }

    public boolean attendee() {
        return bookingId != null;
    }

    /** Idempotency keys and rate limits are scoped to the caller. */
    public String principal() {
        return admin ? "admin" : attendee() ? "booking:" + bookingId : hostId.toString();
    }

    public void requireAdmin() {
        if (!admin) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "only the admin key may do this");
        }
    }

    public void requireHost(UUID host) {
        if (admin) {
            return;
        }
        if (hostId == null) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "a manage token may act only on its own booking");
        }
        if (!hostId.equals(host)) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this key may act only on host " + hostId);
        }
    }

    /** The admin, the booking's host, or the attendee holding this booking's manage token. */
    public void requireBooking(UUID booking, UUID host) {
        if (attendee()) {
            if (!bookingId.equals(booking)) {
                throw new BookwiseException(
                        ErrorCode.FORBIDDEN, "this manage token may act only on booking " + bookingId);
            }
            return;
        }
        requireHost(host);
    }
}
