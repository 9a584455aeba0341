package dev.bookwise.command.busysource;

import dev.bookwise.web.secrets.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** busy_source: how to reach each source (address and password sealed) and its last sync. */
@Repository
class BusySourceRepository {

    private static final String COLUMNS = "source_id, host_id, type, sealed_url, server, username, sealed_password, "
            + "created_at, last_synced_at, last_error, busy_count";

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    BusySourceRepository(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    void insert(BusySource source) {
        jdbc.update(
                "INSERT INTO busy_source (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0)",
                source.sourceId(),
                source.hostId(),
                source.type(),
                secrets.seal(source.url()),
                source.server(),
                source.username(),
                source.password() == null ? null : secrets.seal(source.password()),
                Timestamp.from(source.createdAt()));
    }

    Optional<BusySource> find(UUID sourceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM busy_source WHERE source_id = ?", this::read, sourceId).stream()
                .findFirst();
    }

    List<BusySource> ofHost(UUID hostId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM busy_source WHERE host_id = ? ORDER BY created_at, source_id",
                this::read,
                hostId);
    }

    void delete(UUID sourceId) {
        jdbc.update("DELETE FROM busy_source WHERE source_id = ?", sourceId);
    }

    void synced(UUID sourceId, Instant at, int busyCount) {
        jdbc.update(
                "UPDATE busy_source SET last_synced_at = ?, last_error = NULL, busy_count = ? WHERE source_id = ?",
                Timestamp.from(at),
                busyCount,
                sourceId);
    }

    void failed(UUID sourceId, String error) {
        jdbc.update("UPDATE busy_source SET last_error = ? WHERE source_id = ?", error, sourceId);
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM busy_source", Long.class);
        return n == null ? 0 : n;
    }

    /** Sources whose last sync failed, for the health detail. */
    long failing() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM busy_source WHERE last_error IS NOT NULL", Long.class);
        return n == null ? 0 : n;
    }

    private BusySource read(ResultSet rs, int row) throws SQLException {
        String password = rs.getString("sealed_password");
        Timestamp synced = rs.getTimestamp("last_synced_at");
        return new BusySource(
                rs.getObject("source_id", UUID.class),
                rs.getObject("host_id", UUID.class),
                rs.getString("type"),
                secrets.open(rs.getString("sealed_url")),
                rs.getString("server"),
                rs.getString("username"),
                password == null ? null : secrets.open(password),
                rs.getTimestamp("created_at").toInstant(),
                synced == null ? null : synced.toInstant(),
                rs.getString("last_error"),
                rs.getInt("busy_count"));
    }
}
