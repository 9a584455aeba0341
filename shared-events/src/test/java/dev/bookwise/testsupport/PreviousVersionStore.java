package dev.bookwise.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * An event store written by an earlier version of BookWise ({@code event-stores/<name>/}: the rows
 * as SQL and what that version answered as {@code expected.json}), to show that this version replays
 * it. Written by the command side's {@code PreviousVersionStoreWriter}.
 */
public record PreviousVersionStore(String name, String sql, JsonNode expected) {

    /** The store written on 2026-11-30: the first public version's events. */
    public static PreviousVersionStore firstVersion() {
        return of("2026-11-30");
    }

    public static PreviousVersionStore of(String name) {
        try {
            return new PreviousVersionStore(
                    name,
                    new String(read(name + "/store.sql"), StandardCharsets.UTF_8),
                    new ObjectMapper().readTree(read(name + "/expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String path) throws IOException {
        try (InputStream in = PreviousVersionStore.class.getResourceAsStream("/event-stores/" + path)) {
            if (in == null) {
                throw new IOException("no event store fixture " + path);
            }
            return in.readAllBytes();
        }
    }

    /** Inserts the fixture's rows of these tables, in the order they were written, in one transaction. */
    public void load(DataSource dataSource, List<String> tables) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String line : sql.lines().toList()) {
                for (String table : tables) {
                    if (line.startsWith("INSERT INTO " + table + " ")) {
                        statement.execute(line);
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not load event store " + name, e);
        }
    }
}
