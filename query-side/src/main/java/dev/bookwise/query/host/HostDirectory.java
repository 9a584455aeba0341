package dev.bookwise.query.host;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the read model knows of hosts: whether one exists, and its zone. */
@Repository
public class HostDirectory {

    private final JdbcTemplate jdbc;

    HostDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> timeZoneOf(UUID hostId) {
        return jdbc
                .query("SELECT time_zone FROM host_view WHERE host_id = ?", (rs, i) -> rs.getString(1), hostId)
                .stream()
                .findFirst();
    }
}
