package dev.bookwise.command.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bookwise.command.calendar.KnownHosts;
import dev.bookwise.command.execution.PendingWrites;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.web.auth.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookups: which host a key belongs to, which calendar holds a booking and
 * which booking a manage token manages (its digest only).
 * A subscribing group, so each row commits in the transaction of the event that causes it.
 */
@Component
@ProcessingGroup(CommandDirectory.GROUP)
public class CommandDirectory implements KnownHosts {

    /** Event handlers that commit or fail together with the command that caused the event (subscribing). */
    public static final String GROUP = "command-directory";

    private final JdbcTemplate jdbc;
    private final Cache<UUID, Boolean> knownTeams =
            Caffeine.newBuilder().maximumSize(100_000).build();

    CommandDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HostRegistered event) {
        insert("host_credential", List.of("api_key_sha256", "host_id"), event.apiKeySha256(), event.hostId());
    }

    @EventHandler
    void on(TeamCreated event) {
        insert("team_credential", List.of("api_key_sha256", "team_id"), event.apiKeySha256(), event.teamId());
    }

    @EventHandler
    void on(BookingReserved event) {
        if (!event.leads()) {
            // a collective booking is found through its first member's calendar
            return;
        }
        if (event.teamId() == null) {
            insert("booking_directory", List.of("booking_id", "host_id"), event.bookingId(), event.hostId());
        } else {
            insert(
                    "booking_directory",
                    List.of("booking_id", "host_id", "team_id", "host_ids"),
                    event.bookingId(),
                    event.hostId(),
                    event.teamId(),
                    event.hostIds() == null
                            ? event.hostId().toString()
                            : String.join(
                                    ",",
                                    event.hostIds().stream().map(UUID::toString).toList()));
        }
        if (event.manageTokenSha256() != null) {
            insert(
                    "booking_manage_token",
                    List.of("token_sha256", "booking_id"),
                    event.manageTokenSha256(),
                    event.bookingId());
        }
    }

    /** With the command's other writes when one is running (the usual case), at once otherwise. */
    private void insert(String table, List<String> columns, Object... values) {
        PendingWrites.Insert insert = new PendingWrites.Insert(table, columns, List.of(values));
        PendingWrites.current()
                .ifPresentOrElse(
                        pending -> pending.insert(insert),
                        () -> jdbc.update(insert.sql(), insert.values().toArray()));
    }

    /** The host or the team whose key has this SHA-256 (hex). */
    public Optional<Caller> callerWithKeyDigest(String apiKeySha256) {
        return jdbc
                .query(
                        "SELECT host_id, FALSE FROM host_credential WHERE api_key_sha256 = ? "
                                + "UNION ALL SELECT team_id, TRUE FROM team_credential WHERE api_key_sha256 = ?",
                        (rs, i) -> rs.getBoolean(2)
                                ? Caller.team(rs.getObject(1, UUID.class))
                                : Caller.host(rs.getObject(1, UUID.class)),
                        apiKeySha256,
                        apiKeySha256)
                .stream()
                .findFirst();
    }

    /**
     * 404 team-not-found unless a team has this id: checked before any lock or load, so that an id that is
     * not a team's (a host's, say) never reaches a stream as a team.
     */
    public void requireTeam(UUID teamId) {
        if (teamId != null && knownTeams.getIfPresent(teamId) != null) {
            return;
        }
        boolean known = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM team_credential WHERE team_id = ?)", Boolean.class, teamId));
        if (!known) {
            throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
        }
        // a team is never removed: once found, it is not looked up again
        knownTeams.put(teamId, Boolean.TRUE);
    }

    @Override
    public boolean exists(UUID hostId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM host_credential WHERE host_id = ?)", Boolean.class, hostId));
    }

    /**
     * Where a booking lives: its host (a collective booking's first member), and for a team booking
     * the team and every member calendar it is in.
     */
    public record Place(UUID hostId, UUID teamId, List<UUID> hostIds) {}

    public Optional<Place> placeOfBooking(UUID bookingId) {
        return jdbc
                .query(
                        "SELECT host_id, team_id, host_ids FROM booking_directory WHERE booking_id = ?",
                        (rs, i) -> {
                            UUID host = rs.getObject(1, UUID.class);
                            String hosts = rs.getString(3);
                            return new Place(
                                    host,
                                    rs.getObject(2, UUID.class),
                                    hosts == null
                                            ? List.of(host)
                                            : java.util.Arrays.stream(hosts.split(","))
                                                    .map(UUID::fromString)
                                                    .toList());
                        },
                        bookingId)
                .stream()
                .findFirst();
    }

    /** The booking a manage token (by its SHA-256, hex) manages. */
    public Optional<UUID> bookingWithManageTokenDigest(String tokenSha256) {
        return jdbc
                .query(
                        "SELECT booking_id FROM booking_manage_token WHERE token_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        tokenSha256)
                .stream()
                .findFirst();
    }

    public Optional<UUID> hostOfBooking(UUID bookingId) {
        return jdbc
                .query(
                        "SELECT host_id FROM booking_directory WHERE booking_id = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        bookingId)
                .stream()
                .findFirst();
    }
}
