package dev.bookwise.web.auth;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/**
 * Who sent a request: the admin, one host through its own key, or the attendee of one booking
 * through that booking's manage token ({@code bookingId} set, {@code hostId} null: such a caller is
 * no host and may act only on its booking, on the paths an application opens to manage tokens), or
 * a client without a key booking a public event type ({@code address} set).
 */
public record Caller(boolean admin, UUID hostId, UUID bookingId, String address) {

    public static final Caller ADMIN = new Caller(true, null, null, null);

    public static Caller host(UUID hostId) {
        return new Caller(false, hostId, null, null);
    }

    public static Caller attendee(UUID bookingId) {
        return new Caller(false, null, bookingId, null);
    }

    /**
     * Someone without a key booking a public event type, known only by the client's address (which
     * scopes their Idempotency-Keys); it may do nothing else.
     */
    public static Caller publicBooking(String address) {
        return new Caller(false, null, null, address);
    }

    public boolean attendee() {
        return bookingId != null;
    }

    /** Idempotency keys are scoped to the caller. */
    public String principal() {
        if (admin) {
            return "admin";
        }
        if (attendee()) {
            return "booking:" + bookingId;
        }
        return hostId != null ? hostId.toString() : "public:" + address;
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
        if (attendee()) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "a manage token may act only on its own booking");
        }
        if (hostId == null || !hostId.equals(host)) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this key may act only on host " + hostId);
        }
    }

    /** The admin, the booking's host, or the attendee holding this booking's manage token. */
    public void requireBooking(UUID host, UUID booking) {
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
