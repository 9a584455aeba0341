package dev.bookwise.query.ical;

import dev.bookwise.query.booking.BookingState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a calendar file shows of bookings, read from the read models in one query each: the booking,
 * its version (the SEQUENCE), its host's name and address, and its event type's title.
 */
@Repository
class CalendarEntries {

    /** A host as the ORGANIZER of its bookings. */
    record Organizer(String name, String email) {}

    /**
     * One booking as a VEVENT.
     *
     * @param version   the host calendar's sequence number of the booking's latest event: it grows with every
     *                  change of the booking and is the same on every instance and after a rebuild
     * @param typeTitle the title of the booking's event type, or null for the host's default type (it has no
     *                  title of the host's choosing)
     */
    record Entry(
            UUID bookingId,
            UUID hostId,
            BookingState status,
            Instant start,
            Instant end,
            String attendeeName,
            String attendeeEmail,
            Organizer host,
            String typeTitle,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    private static final String SELECT = """
            SELECT b.booking_id, b.host_id, b.status, b.start_time, b.end_time, b.attendee_name, b.attendee_email,
                   b.created_at, b.updated_at, b.version, h.name AS host_name, h.email AS host_email, t.title
              FROM booking_view b
              LEFT JOIN host_view h ON h.host_id = b.host_id
              LEFT JOIN event_type_view t ON t.event_type_id = b.event_type_id AND t.host_id = b.host_id
            """;

    private final JdbcTemplate jdbc;

    CalendarEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> booking(UUID bookingId) {
        return jdbc.query(SELECT + " WHERE b.booking_id = ?", CalendarEntries::entry, bookingId).stream()
                .findFirst();
    }

    /** The host's live bookings starting in [from, to), by start. */
    List<Entry> live(UUID hostId, Instant from, Instant to) {
        return jdbc.query(SELECT + """
                         WHERE b.host_id = ? AND b.status IN ('RESERVED', 'CONFIRMED')
                           AND b.start_time >= ? AND b.start_time < ?
                         ORDER BY b.start_time, b.booking_id
                        """, CalendarEntries::entry, hostId, Timestamp.from(from), Timestamp.from(to));
    }

    /** The host's name and address; empty for an unknown host. */
    Optional<Organizer> host(UUID hostId) {
        return jdbc
                .query(
                        "SELECT name, email FROM host_view WHERE host_id = ?",
                        (rs, i) -> new Organizer(rs.getString(1), rs.getString(2)),
                        hostId)
                .stream()
                .findFirst();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getObject("booking_id", UUID.class),
                rs.getObject("host_id", UUID.class),
                BookingState.valueOf(rs.getString("status")),
                rs.getTimestamp("start_time").toInstant(),
                rs.getTimestamp("end_time").toInstant(),
                rs.getString("attendee_name"),
                rs.getString("attendee_email"),
                new Organizer(rs.getString("host_name"), rs.getString("host_email")),
                rs.getString("title"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
