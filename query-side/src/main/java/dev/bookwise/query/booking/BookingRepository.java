package dev.bookwise.query.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.types.EventType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** booking_view's bookings; the manage token's digest is read only to recognise an attendee, never shown. */
@Repository
public class BookingRepository {

    private static final String COLUMNS =
            "booking_id, host_id, status, start_time, end_time, expires_at, attendee_name, "
                    + "attendee_email, attendee_time_zone, buffer_before_minutes, buffer_after_minutes, reason, created_at, "
                    + "updated_at, event_type_id, answers::text AS answers, metadata::text AS metadata";

    private static final TypeReference<Map<String, Object>> ANSWERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    private final RowMapper<BookingView> row = (rs, i) -> {
        BookingState status = BookingState.valueOf(rs.getString("status"));
        return new BookingView(
                rs.getObject("booking_id", UUID.class),
                rs.getObject("host_id", UUID.class),
                status,
                instant(rs.getTimestamp("start_time")),
                instant(rs.getTimestamp("end_time")),
                status == BookingState.RESERVED ? instant(rs.getTimestamp("expires_at")) : null,
                new Attendee(
                        rs.getString("attendee_name"),
                        rs.getString("attendee_email"),
                        rs.getString("attendee_time_zone")),
                rs.getInt("buffer_before_minutes"),
                rs.getInt("buffer_after_minutes"),
                rs.getString("reason"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                rs.getObject("event_type_id", UUID.class),
                read(rs.getString("answers"), ANSWERS),
                read(rs.getString("metadata"), METADATA));
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    BookingRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<BookingView> find(UUID bookingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM booking_view WHERE booking_id = ?", row, bookingId).stream()
                .findFirst();
    }

    /** The SHA-256 (hex) of the booking's manage token; empty for an unknown booking or one without a token. */
    public Optional<String> manageTokenDigest(UUID bookingId) {
        return jdbc
                .query(
                        "SELECT manage_token_sha256 FROM booking_view WHERE booking_id = ? AND manage_token_sha256 IS NOT NULL",
                        (rs, i) -> rs.getString(1),
                        bookingId)
                .stream()
                .findFirst();
    }

    /** The booking whose manage token has this SHA-256 (hex). */
    public Optional<UUID> withManageTokenDigest(String tokenSha256) {
        return jdbc
                .query(
                        "SELECT booking_id FROM booking_view WHERE manage_token_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        tokenSha256)
                .stream()
                .findFirst();
    }

    /** One page of a host's bookings (of one event type, if given) ordered by (start, id), after the cursor if given. */
    List<BookingView> page(
            UUID hostId,
            Instant from,
            Instant to,
            Set<BookingState> statuses,
            UUID eventTypeId,
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
        if (eventTypeId != null) {
            // bookings stored before event types have no type: they are the default type's
            sql.append(" AND (event_type_id = ? OR (? AND event_type_id IS NULL))");
            args.add(eventTypeId);
            args.add(eventTypeId.equals(EventType.defaultIdFor(hostId)));
        }
        if (afterStart != null) {
            sql.append(" AND (start_time, booking_id) > (?, ?)");
            args.add(Timestamp.from(afterStart));
            args.add(afterId);
        }
        sql.append(" ORDER BY start_time, booking_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), row, args.toArray());
    }

    private <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("booking_view holds JSON this version cannot read", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
