package dev.bookwise.command.directory;

import dev.bookwise.command.execution.PendingWrites;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
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
public class CommandDirectory {

    /** Event handlers that commit or fail together with the command that caused the event (subscribing). */
    public static final String GROUP = "command-directory";

    private final JdbcTemplate jdbc;

    CommandDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HostRegistered event) {
        insert("host_credential", List.of("api_key_sha256", "host_id"), event.apiKeySha256(), event.hostId());
    }

    @EventHandler
    void on(BookingReserved event) {
        insert("booking_directory", List.of("booking_id", "host_id"), event.bookingId(), event.hostId());
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

    public Optional<UUID> hostWithKeyDigest(String apiKeySha256) {
        return jdbc
                .query(
                        "SELECT host_id FROM host_credential WHERE api_key_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        apiKeySha256)
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
