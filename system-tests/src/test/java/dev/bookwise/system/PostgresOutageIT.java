package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load, as in a restart: every connection of the database is terminated
 * and new ones are refused for 10 s. Meanwhile both apps answer 503 problems quickly (no hangs);
 * afterwards they recover by themselves and nothing acknowledged is lost.
 * <p>
 * The server itself is not restarted: it is shared with whatever else runs on the machine, and a
 * cut-off database is what a restart looks like from the applications' side (connections dropped,
 * then refused, then accepted again).
 */
class PostgresOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void bothAppsAnswer503DuringTheOutageAndRecoverByThemselves() throws Exception {
        try (BookWise system = BookWise.start("pg-outage", 1, 1, Map.of("BOOKWISE_DB_CONNECT_TIMEOUT_MS", "2000"))) {
            List<BookWise.Host> hosts = system.openHosts(4);
            BookingLoad load = new BookingLoad(hosts, 4, system.command()::api, Duration.ofMillis(50)).start();
            Reads reads = new Reads(system.query().api(), hosts.get(0));
            reads.start();
            AppProcess.sleep(3_000);
            String database =
                    system.database.url().substring(system.database.url().lastIndexOf('/') + 1);
            int beforeOutage = load.acknowledged.size();
            try {
                admin(
                        system,
                        "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                AppProcess.sleep(OUTAGE.toMillis());
            } finally {
                admin(system, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            int atRecovery = load.acknowledged.size();
            long recovered = System.nanoTime();
            while (load.acknowledged.size() == atRecovery && System.nanoTime() - recovered < 60e9) {
                AppProcess.sleep(100);
            }
            double firstBookingAfter = (System.nanoTime() - recovered) / 1e9;
            AppProcess.sleep(5_000);
            load.stop();
            reads.finish();

            // a careful client retries what got no answer or a 503 with the same Idempotency-Key: a
            // 503 from a commit the database cut off does not tell whether the commit happened
            Set<BookingLoad.Attempt> toRetry = new HashSet<>(load.unanswered);
            toRetry.addAll(load.unavailable);
            load.unanswered.clear();
            load.unavailable.clear();
            int answered503 = load.count(503);
            for (BookingLoad.Attempt attempt : toRetry) {
                assertThat(load.send(system.command().api(), attempt)).isEqualTo(201);
            }
            int retried = toRetry.size();
            system.awaitReadModelComplete(Duration.ofSeconds(60));
            Set<String> acknowledged = new HashSet<>(load.acknowledged.values());
            Set<String> stored = system.reservedInStore();
            System.out.printf(
                    "[faults] PostgreSQL cut off %d s: bookings acknowledged %d (%d before), answered 503 %d,"
                            + " other %s, retried with the same key %d (committed though not acknowledged %d),"
                            + " slowest booking answer %d ms; reads %s, slowest %d ms;"
                            + " first booking %.1f s after PostgreSQL was back; acknowledged %d, in the store %d, lost %d%n",
                    OUTAGE.toSeconds(),
                    acknowledged.size(),
                    beforeOutage,
                    answered503,
                    load.statuses,
                    retried,
                    load.replayed.get(),
                    load.slowest.get(),
                    reads.statuses,
                    reads.slowest.get(),
                    firstBookingAfter,
                    acknowledged.size(),
                    stored.size(),
                    acknowledged.stream().filter(id -> !stored.contains(id)).count());

            assertThat(answered503).as("bookings refused during the outage").isGreaterThan(0);
            assertThat(load.statuses.keySet()).as("booking answers").containsOnly(201, 503);
            assertThat(load.unexpected)
                    .allSatisfy(body -> assertThat(body).contains("\"code\":\"service-unavailable\""));
            assertThat(reads.statuses.keySet()).as("read answers").containsOnly(200, 503);
            assertThat(reads.problems)
                    .allSatisfy(body -> assertThat(body).contains("\"code\":\"service-unavailable\""));
            // no request hangs: each is answered within a few connection timeouts
            assertThat(load.slowest.get()).isLessThan(15_000);
            assertThat(reads.slowest.get()).isLessThan(15_000);
            assertThat(stored).as("every acknowledged booking is stored").containsAll(acknowledged);
            assertThat(acknowledged).as("no booking the clients don't know of").containsAll(stored);
            assertThat(system.count("SELECT count(*) FROM booking_view")).isEqualTo(stored.size());
            assertThat(system.command()
                            .api()
                            .get("/actuator/health/readiness", null)
                            .status())
                    .isEqualTo(200);
            assertThat(system.query()
                            .api()
                            .get("/actuator/health/readiness", null)
                            .status())
                    .isEqualTo(200);
        }
    }

    private static void admin(BookWise system, String... statements) throws SQLException {
        String url = system.database.url();
        try (Connection connection = DriverManager.getConnection(
                        url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                        system.database.user(),
                        system.database.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A client reading one host's bookings from the query side in a loop. */
    private static final class Reads extends Thread {
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final Set<String> problems = ConcurrentHashMap.newKeySet();
        final AtomicLong slowest = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Api api;
        private final BookWise.Host host;

        Reads(Api api, BookWise.Host host) {
            this.api = api;
            this.host = host;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running.get()) {
                long started = System.nanoTime();
                Api.Response response = api.get("/api/hosts/" + host.id() + "/bookings", host.key());
                slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                        .incrementAndGet();
                if (response.status() != 200 && problems.size() < 20) {
                    problems.add(response.body());
                }
                AppProcess.sleep(50);
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join(60_000);
        }
    }
}
