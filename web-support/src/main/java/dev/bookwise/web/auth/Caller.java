package dev.bookwise.web.auth;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.UUID;

/**
 * Who sent a request: the admin, one host through its own key, one team through the team's key, the attendee of one booking through
 * that booking's manage token, or a client without a key booking a public event type. An attendee
 * and a public booker have no host: every host check refuses them, so a manage token can never act
 * as its host's key.
 *
 * @param bookingId the attendee's booking (manage token), else null
 * @param address   the client's address for a public booking without a key (it scopes their
 *                  Idempotency-Keys), else null
 */
public record Caller(boolean admin, UUID hostId, UUID bookingId, String address, UUID teamId) {

    public static final Caller ADMIN = new Caller(true, null, null, null, null);

    public static Caller host(UUID hostId) {
        return new Caller(false, hostId, null, null, null);
    }

    /** A team's key: acts on the team, its event types and its bookings, never as one of its members. */
    public static Caller team(UUID teamId) {
        return new Caller(false, null, null, null, teamId);
    }

    /** The attendee holding the manage token of {@code bookingId}. */
    public static Caller attendee(UUID bookingId) {
        return new Caller(false, null, bookingId, null, null);
    }

    /** Someone without a key booking a public event type, known only by the client's address. */
    public static Caller publicBooking(String address) {
        return new Caller(false, null, null, address, null);
    }

    public boolean attendee() {
        return bookingId != null;
    }

    /** Idempotency keys and rate limits are scoped to the caller. */
    public String principal() {
        if (admin) {
            return "admin";
        }
        if (attendee()) {
            return "booking:" + bookingId;
        }
        if (teamId != null) {
            return "team:" + teamId;
        }
        return hostId != null ? hostId.toString() : "public:" + address;
    }

    public void requireAdmin() {
        if (!admin) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "only the admin key may do this");
        }
    }

    public boolean team() {
        return teamId != null;
    }

    /** The admin, or the team's own key. */
    public void requireTeam(UUID team) {
        if (admin) {
            return;
        }
        if (teamId == null || !teamId.equals(team)) {
            throw new BookwiseException(
                    ErrorCode.FORBIDDEN,
                    teamId != null ? "this key may act only on team " + teamId : "this needs the team's key");
        }
    }

    public void requireHost(UUID host) {
        if (admin) {
            return;
        }
        if (hostId == null) {
            throw new BookwiseException(
                    ErrorCode.FORBIDDEN,
                    attendee()
                            ? "a manage token may act only on its own booking"
                            : team() ? "a team key may act only on its team and its bookings" : "this needs a key");
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
