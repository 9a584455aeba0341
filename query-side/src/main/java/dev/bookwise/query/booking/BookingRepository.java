package dev.bookwise.query.booking;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.BookingStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class BookingRepository {

    private static final String COLUMNS =
            "booking_id, host_id, status, start_time, end_time, expires_at, attendee_name, "
                    + "attendee_email, attendee_time_zone, buffer_before_minutes, buffer_after_minutes, reason, created_at, updated_at";

    private static final RowMapper<BookingView> ROW = (rs, i) -> {
        BookingStatus status = BookingStatus.valueOf(rs.getString("status"));
        return new BookingView(
                rs.getObject("booking_id", UUID.class),
                rs.getObject("host_id", UUID.class),
                status,
                instant(rs.getTimestamp("start_time")),
                instant(rs.getTimestamp("end_time")),
                status == BookingStatus.RESERVED ? instant(rs.getTimestamp("expires_at")) : null,
                new Attendee(
                        rs.getString("attendee_name"),
                        rs.getString("attendee_email"),
                        rs.getString("attendee_time_zone")),
                rs.getInt("buffer_before_minutes"),
                rs.getInt("buffer_after_minutes"),
                rs.getString("reason"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    };

    private final JdbcTemplate jdbc;

    BookingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BookingView> find(UUID bookingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM booking_view WHERE booking_id = ?", ROW, bookingId).stream()
                .findFirst();
    }

    /** One page of a host's bookings ordered by (start, id), starting after the cursor position if given. */
    List<BookingView> page(
            UUID hostId,
            Instant from,
            Instant to,
            Set<BookingStatus> statuses,
            Instant afterStart,
            UUID afterId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM booking_view WHERE host_id = ?");
        List<Object> args = new ArrayList<>(List.of(hostId));
        if (from != null) {
            sql.append(" AND start_time >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND start_time < ?");
            args.add(Timestamp.from(to));
        }
        if (!statuses.isEmpty()) {
            sql.append(" AND status = ANY (?)");
            args.add(statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        if (afterStart != null) {
            sql.append(" AND (start_time, booking_id) > (?, ?)");
            args.add(Timestamp.from(afterStart));
            args.add(afterId);
        }
        sql.append(" ORDER BY start_time, booking_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
