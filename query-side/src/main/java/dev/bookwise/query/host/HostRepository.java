package dev.bookwise.query.host;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /** Hosts' zones by id, in one query; unknown hosts are left out. */
    public Map<UUID, String> timeZones(Collection<UUID> hostIds) {
        Map<UUID, String> zones = new HashMap<>();
        if (!hostIds.isEmpty()) {
            jdbc.query(
                    "SELECT host_id, time_zone FROM host_view WHERE host_id = ANY (?)",
                    rs -> {
                        zones.put(rs.getObject(1, UUID.class), rs.getString(2));
                    },
                    (Object) hostIds.toArray(UUID[]::new));
        }
        return zones;
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
