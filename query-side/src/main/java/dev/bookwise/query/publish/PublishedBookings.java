package dev.bookwise.query.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.booking.BookingView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/**
 * The publisher's own booking states (published_booking). Written in the publisher's transaction,
 * with its token, so that after a failed batch both roll back together.
 */
@Repository
class PublishedBookings {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublishedBookings(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<BookingView> find(UUID bookingId) {
        return jdbc.query("SELECT booking FROM published_booking WHERE booking_id = ?",
                (rs, i) -> read(rs.getString(1)), bookingId).stream().findFirst();
    }

    void save(BookingView booking, long version) {
        jdbc.update("""
                INSERT INTO published_booking (booking_id, host_id, booking, version) VALUES (?, ?, ?, ?)
                ON CONFLICT (booking_id) DO UPDATE SET booking = excluded.booking, version = excluded.version
                """, booking.bookingId(), booking.hostId(), write(booking), version);
    }

    private BookingView read(String text) {
        try {
            return json.readValue(text, BookingView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable published_booking row", e);
        }
    }

    private String write(BookingView booking) {
        try {
            return json.writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
