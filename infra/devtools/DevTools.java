import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Small helpers for `bookwise up`, run as a single-file program:
 *   ensure-database HOST PORT USER PASSWORD NAME   creates database NAME unless it exists
 *   embedded-postgres DATA_DIR PORT                runs a real PostgreSQL keeping its data in DATA_DIR
 */
public class DevTools {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "ensure-database" -> ensureDatabase(args[1], args[2], args[3], args[4], args[5]);
            case "embedded-postgres" -> embeddedPostgres(new File(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: ensure-database HOST PORT USER PASSWORD NAME | embedded-postgres DATA_DIR PORT");
                System.exit(2);
            }
        }
    }

    private static void ensureDatabase(String host, String port, String user, String password, String name) throws Exception {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _");
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
                System.out.println("created database " + name);
            }
        }
    }

    private static void embeddedPostgres(File dataDirectory, int port) throws Exception {
        dataDirectory.mkdirs();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        System.out.println("embedded PostgreSQL on 127.0.0.1:" + port + ", data in " + dataDirectory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
