package dev.bookwise.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.testsupport.Api;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two command-side and two query-side instances on one PostgreSQL and one Kafka, under a mixed load
 * of bookings racing for a few hundred slots (through either command side) and reads (from either
 * query side): exactly one winner per slot, no 5xx, read models complete and identical through both
 * query sides, every event on the topic once.
 */
class TwoInstancesEachIT {

    @Test
    void racesAcrossInstancesHaveExactlyOneWinnerPerSlot() throws Exception {
        try (BookWise system = BookWise.start("two-by-two", 2, 2)) {
            List<BookWise.Host> hosts = system.openHosts(10);
            // each query side recognises a host's key once it has projected the host: not part of the race
            for (AppProcess query : system.querySides) {
                for (BookWise.Host host : hosts) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (query.api()
                                            .get("/api/hosts/" + host.id() + "/bookings", host.key())
                                            .status()
                                    != 200
                            && System.nanoTime() < deadline) {
                        AppProcess.sleep(100);
                    }
                }
            }
            Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);
            int slotsPerHost = 30;
            Map<String, AtomicInteger> winners = new ConcurrentHashMap<>();
            Map<String, String> bookingOfSlot = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> bookingAnswers = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> readAnswers = new ConcurrentHashMap<>();
            Set<String> oddAnswers = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                Thread client = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (running.get()) {
                        BookWise.Host host = hosts.get(random.nextInt(hosts.size()));
                        if (random.nextInt(10) < 7) {
                            Instant start = firstSlot.plus(Duration.ofMinutes(30L * random.nextInt(slotsPerHost)));
                            Api api = system.commandSides.get(random.nextInt(2)).api();
                            Api.Response answer = api.post(
                                    "/api/bookings",
                                    host.key(),
                                    Api.json(Map.of(
                                            "hostId",
                                            host.id(),
                                            "start",
                                            start.toString(),
                                            "attendee",
                                            Map.of("name", "Racer", "email", "r@example.com"))));
                            bookingAnswers
                                    .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                                    .incrementAndGet();
                            if (answer.status() == 201) {
                                String slot = host.id() + "@" + start;
                                winners.computeIfAbsent(slot, s -> new AtomicInteger())
                                        .incrementAndGet();
                                bookingOfSlot.put(slot, answer.text("bookingId"));
                            } else if (answer.status() != 409 || !"slot-unavailable".equals(answer.code())) {
                                oddAnswers.add(answer.toString());
                            }
                        } else {
                            Api api = system.querySides.get(random.nextInt(2)).api();
                            Api.Response answer = api.get("/api/hosts/" + host.id() + "/bookings", host.key());
                            readAnswers
                                    .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                                    .incrementAndGet();
                            if (answer.status() != 200) {
                                oddAnswers.add(answer.toString());
                            }
                        }
                    }
                });
                client.setDaemon(true);
                clients.add(client);
                client.start();
            }
            AppProcess.sleep(20_000);
            running.set(false);
            for (Thread client : clients) {
                client.join(60_000);
            }

            system.awaitReadModelComplete(Duration.ofSeconds(60));
            Set<String> stored = system.reservedInStore();
            long doubleWins = winners.values().stream().filter(n -> n.get() > 1).count();
            Set<String> events = system.bookingEventIds();
            List<ConsumerRecord<String, CloudEvent>> records = system.readTopic(events, Duration.ofSeconds(60));
            // both query sides serve every booking
            int servedByBoth = 0;
            for (String bookingId : bookingOfSlot.values()) {
                String key = hosts.stream()
                        .filter(h -> h.id().equals(system.strings(
                                        "SELECT host_id::text FROM booking_view WHERE booking_id = '" + bookingId + "'")
                                .iterator()
                                .next()))
                        .findFirst()
                        .orElseThrow()
                        .key();
                if (system.querySides
                                        .get(0)
                                        .api()
                                        .get("/api/bookings/" + bookingId, key)
                                        .status()
                                == 200
                        && system.querySides
                                        .get(1)
                                        .api()
                                        .get("/api/bookings/" + bookingId, key)
                                        .status()
                                == 200) {
                    servedByBoth++;
                }
            }
            System.out.printf(
                    "[faults] 2 command + 2 query instances, 12 clients, 20 s: booking answers %s, reads %s;"
                            + " slots won %d of %d, slots with two winners %d; reserved in the store %d, read-model rows %d,"
                            + " served by both query sides %d; booking events %d, Kafka records %d, duplicated %d, missing %d%n",
                    bookingAnswers,
                    readAnswers,
                    winners.size(),
                    hosts.size() * slotsPerHost,
                    doubleWins,
                    stored.size(),
                    system.count("SELECT count(*) FROM booking_view"),
                    servedByBoth,
                    events.size(),
                    records.size(),
                    BookWise.duplicates(records),
                    BookWise.missing(events, records).size());

            assertThat(oddAnswers)
                    .as("answers other than 201, 409 slot-unavailable and 200")
                    .isEmpty();
            assertThat(doubleWins).as("slots with more than one winner").isZero();
            assertThat(stored).isEqualTo(new HashSet<>(bookingOfSlot.values()));
            assertThat(system.doubleBookedSlots()).isZero();
            assertThat(system.count("SELECT count(*) FROM booking_view")).isEqualTo(stored.size());
            assertThat(servedByBoth).isEqualTo(bookingOfSlot.size());
            assertThat(BookWise.missing(events, records)).isEmpty();
            assertThat(BookWise.duplicates(records))
                    .as("duplicates on the topic without any failure")
                    .isZero();
        }
    }
}
