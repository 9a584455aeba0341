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

    /** The columns a booking is read from, of booking_view {@code b}. */
    private static final String COLUMNS =
            "b.booking_id, b.host_id, b.status, b.start_time, b.end_time, b.expires_at, b.attendee_name, "
                    + "b.attendee_email, b.attendee_time_zone, b.buffer_before_minutes, b.buffer_after_minutes, b.reason, "
                    + "b.created_at, b.updated_at, b.event_type_id, b.answers::text AS answers, "
                    + "b.metadata::text AS metadata, b.team_id, b.host_ids::text[] AS host_ids";

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
                read(rs.getString("metadata"), METADATA),
                rs.getObject("team_id", UUID.class),
                uuids(rs.getArray("host_ids")));
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    BookingRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<BookingView> find(UUID bookingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM booking_view b WHERE b.booking_id = ?", row, bookingId).stream()
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

    /**
     * One page of a host's bookings (of one event type, if given) ordered by (start, id), after the
     * cursor if given: its own, and the collective bookings it is a member of (whose row is under
     * their first member).
     */
    List<BookingView> page(
            UUID hostId,
            Instant from,
            Instant to,
            Set<BookingState> statuses,
            UUID eventTypeId,
            Instant afterStart,
            UUID afterId,
            int limit) {
        List<Object> filterArgs = new ArrayList<>();
        String filters = filters(from, to, statuses, afterStart, afterId, filterArgs);
        if (eventTypeId != null) {
            // bookings stored before event types have no type: they are the default type's
            filters += " AND (b.event_type_id = ? OR (? AND b.event_type_id IS NULL))";
            filterArgs.add(eventTypeId);
            filterArgs.add(eventTypeId.equals(EventType.defaultIdFor(hostId)));
        }
        // each part in the order of an index, so that a page reads only about a page of rows
        String sql = "SELECT * FROM ("
                + "(SELECT " + COLUMNS + " FROM booking_view b WHERE b.host_id = ?" + filters
                + " ORDER BY b.start_time, b.booking_id LIMIT ?)"
                + " UNION ALL "
                + "(SELECT " + COLUMNS + " FROM booking_member m JOIN booking_view b ON b.booking_id = m.booking_id"
                + " WHERE m.host_id = ? AND b.host_id <> m.host_id" + filters
                + " ORDER BY b.start_time, b.booking_id LIMIT ?)"
                + ") page ORDER BY start_time, booking_id LIMIT ?";
        List<Object> args = new ArrayList<>();
        args.add(hostId);
        args.addAll(filterArgs);
        args.add(limit);
        args.add(hostId);
        args.addAll(filterArgs);
        args.add(limit);
        args.add(limit);
        return jdbc.query(sql, row, args.toArray());
    }

    /** One page of a team's bookings (of one of its event types, if given) ordered by (start, id), after the cursor if given. */
    List<BookingView> teamPage(
            UUID teamId,
            Instant from,
            Instant to,
            Set<BookingState> statuses,
            UUID eventTypeId,
            Instant afterStart,
            UUID afterId,
            int limit) {
        List<Object> args = new ArrayList<>(List.of(teamId));
        String filters = filters(from, to, statuses, afterStart, afterId, args);
        if (eventTypeId != null) {
            filters += " AND b.event_type_id = ?";
            args.add(eventTypeId);
        }
        args.add(limit);
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM booking_view b WHERE b.team_id = ?" + filters
                        + " ORDER BY b.start_time, b.booking_id LIMIT ?",
                row,
                args.toArray());
    }

    /** The conditions a page's filters and cursor put on booking_view {@code b}; their arguments go to {@code args}. */
    private static String filters(
            Instant from, Instant to, Set<BookingState> statuses, Instant afterStart, UUID afterId, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (from != null) {
            sql.append(" AND b.start_time >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND b.start_time < ?");
            args.add(Timestamp.from(to));
        }
        if (!statuses.isEmpty()) {
            sql.append(" AND b.status = ANY (?)");
            args.add(statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        if (afterStart != null) {
            sql.append(" AND (b.start_time, b.booking_id) > (?, ?)");
            args.add(Timestamp.from(afterStart));
            args.add(afterId);
        }
        return sql.toString();
    }

    private static List<UUID> uuids(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (Object id : (Object[]) array.getArray()) {
            ids.add(UUID.fromString(id.toString()));
        }
        return ids;
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
