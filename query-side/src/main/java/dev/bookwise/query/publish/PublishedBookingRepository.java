package dev.bookwise.query.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.booking.BookingView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The publisher's own booking states (published_booking). Written in the publisher's transaction,
 * with its token, so that after a failed batch both roll back together. Within a batch the states
 * are kept in memory and each changed booking is written once, in one JDBC batch, when the unit of
 * work prepares to commit: a catch-up over many events costs a read per booking it has not seen in
 * the batch and no write per event.
 */
@Repository
class PublishedBookingRepository {

    private static final String CHANGED = PublishedBookingRepository.class.getName() + ".changed";
    private static final String FOLLOWERS = PublishedBookingRepository.class.getName() + ".followers";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublishedBookingRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private record State(BookingView booking, long version) {}

    Optional<BookingView> find(UUID bookingId) {
        State changed = changed().get(bookingId);
        if (changed != null) {
            return Optional.of(changed.booking());
        }
        return jdbc
                .query(
                        "SELECT booking FROM published_booking WHERE booking_id = ?",
                        (rs, i) -> read(rs.getString(1)),
                        bookingId)
                .stream()
                .findFirst();
    }

    void save(BookingView booking, long version) {
        changed().put(booking.bookingId(), new State(booking, version));
    }

    /** The states changed in the current unit of work; the first call registers their write before it commits. */
    private Map<UUID, State> changed() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(CHANGED, key -> {
            Map<UUID, State> changed = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> write(changed.values()));
            return changed;
        });
    }

    /** Remembers that {@code hostId}'s stream holds the collective booking but does not lead it. */
    void follow(UUID bookingId, UUID hostId) {
        followers().add(new Follower(bookingId, hostId));
    }

    /** Whether {@code hostId}'s stream holds the collective booking without leading it (as seen reserved here). */
    boolean follows(UUID bookingId, UUID hostId) {
        return followers().contains(new Follower(bookingId, hostId))
                || !jdbc.queryForList(
                                "SELECT 1 FROM published_follower WHERE booking_id = ? AND host_id = ?",
                                Integer.class,
                                bookingId,
                                hostId)
                        .isEmpty();
    }

    private record Follower(UUID bookingId, UUID hostId) {}

    /** The followers seen in the current unit of work; the first call registers their write before it commits. */
    private java.util.Set<Follower> followers() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(FOLLOWERS, key -> {
            java.util.Set<Follower> followers = new java.util.LinkedHashSet<>();
            unitOfWork.onPrepareCommit(u -> {
                if (!followers.isEmpty()) {
                    jdbc.batchUpdate(
                            "INSERT INTO published_follower (booking_id, host_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            followers.stream()
                                    .map(f -> new Object[] {f.bookingId(), f.hostId()})
                                    .toList());
                }
            });
            return followers;
        });
    }

    private void write(Collection<State> states) {
        if (states.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(states.size());
        for (State state : states) {
            rows.add(new Object[] {
                state.booking().bookingId(), state.booking().hostId(), write(state.booking()), state.version()
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO published_booking (booking_id, host_id, booking, version) VALUES (?, ?, ?, ?)
                ON CONFLICT (booking_id) DO UPDATE SET booking = excluded.booking, version = excluded.version
                """, rows);
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
