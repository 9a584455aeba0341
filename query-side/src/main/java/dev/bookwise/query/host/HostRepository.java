package dev.bookwise.query.host;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the read model knows of hosts: whether one exists, its zone, whose key is whose. */
@Repository
public class HostRepository {

    private final JdbcTemplate jdbc;

    HostRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> timeZoneOf(UUID hostId) {
        return jdbc
                .query("SELECT time_zone FROM host_view WHERE host_id = ?", (rs, i) -> rs.getString(1), hostId)
                .stream()
                .findFirst();
    }

    public Optional<UUID> hostWithKeyDigest(String apiKeySha256) {
        return jdbc
                .query(
                        "SELECT host_id FROM host_view WHERE api_key_sha256 = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        apiKeySha256)
                .stream()
                .findFirst();
    }
}
