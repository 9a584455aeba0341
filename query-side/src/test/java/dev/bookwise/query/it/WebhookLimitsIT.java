package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Limits that keep one host or one receiver from taking what others need: subscriptions per host
 * and for every host, and attempts in flight per target host across subscriptions.
 */
@TestPropertySource(
        properties = {
            "bookwise.webhook.allow-loopback=true",
            "bookwise.webhook.max-subscriptions-per-host=3",
            "bookwise.webhook.max-all-host-subscriptions=2",
            "bookwise.webhook.max-in-flight-per-subscription=4",
            "bookwise.webhook.max-in-flight-per-target-host=3",
            "bookwise.webhook.timeout=PT20S",
            "bookwise.webhook.first-retry=PT1H",
            "db-scheduler.threads=6"
        })
class WebhookLimitsIT extends QuerySideIT {

    private static final WebhookReceiver receiver = new WebhookReceiver();

    record Host(UUID id, String key, long position) {}

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aHostHasAtMostItsLimitOfSubscriptionsCountingThoseTheAdminMadeForIt() {
        Host ada = host();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Api.Response created = api.post(
                    "/api/webhooks?minPosition=" + ada.position(),
                    ada.key(),
                    Api.json(Map.of("url", receiver.url("/cap-" + i))),
                    "Idempotency-Key",
                    "cap-" + i);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.text("id"));
        }

        Api.Response fourth = api.post("/api/webhooks", ada.key(), Api.json(Map.of("url", receiver.url("/cap-4"))));
        assertThat(fourth.status()).isEqualTo(422);
        assertThat(fourth.code()).isEqualTo("subscription-limit-reached");
        assertThat(fourth.text("detail")).contains(ada.id().toString(), "3");
        Api.Response byAdmin =
                api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", receiver.url("/cap-4"), "hostId", ada.id())));
        assertThat(byAdmin.code()).isEqualTo("subscription-limit-reached");
        // a retry of a creation that succeeded is its first answer, not a refusal
        Api.Response retried = api.post(
                "/api/webhooks",
                ada.key(),
                Api.json(Map.of("url", receiver.url("/cap-1"))),
                "Idempotency-Key",
                "cap-1");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(ids.get(0));
        // another host is not affected
        Host bea = host();
        assertThat(api.post(
                                "/api/webhooks?minPosition=" + bea.position(),
                                bea.key(),
                                Api.json(Map.of("url", receiver.url("/cap-bea"))))
                        .status())
                .isEqualTo(201);

        assertThat(api.send("DELETE", "/api/webhooks/" + ids.get(1), ada.key(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/webhooks", ada.key(), Api.json(Map.of("url", receiver.url("/cap-4"))))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).hasSize(3);
    }

    @Test
    void concurrentCreationsNeverExceedTheLimit() throws Exception {
        Host ada = host();
        api.get("/api/webhooks?minPosition=" + ada.position(), ada.key());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> creations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String url = receiver.url("/race-" + i);
                creations.add(() -> new Api(port).post("/api/webhooks", ada.key(), Api.json(Map.of("url", url))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : pool.invokeAll(creations)) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 422).hasSize(5);
        } finally {
            pool.shutdown();
        }
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).hasSize(3);
    }

    @Test
    void subscriptionsForEveryHostHaveTheirOwnLimit() {
        List<String> made = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                Api.Response created =
                        api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", receiver.url("/every-" + i))));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                made.add(created.text("id"));
            }
            Api.Response third = api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", receiver.url("/every-3"))));
            assertThat(third.status()).isEqualTo(422);
            assertThat(third.code()).isEqualTo("subscription-limit-reached");
        } finally {
            made.forEach(id -> api.send("DELETE", "/api/webhooks/" + id, ADMIN, null));
        }
    }

    /**
     * Three subscriptions of one host lead to one receiver that hangs. Without a limit per target
     * host they would hold all six attempt threads (four each are allowed per subscription) for the
     * 20 s attempt timeout; with three per target, another host's deliveries still go at once.
     */
    @Test
    void aTargetThatHangsHoldsOnlyItsShareOfTheAttemptThreads() {
        WebhookReceiver hanging = new WebhookReceiver();
        WebhookReceiver answering = new WebhookReceiver();
        try {
            Host ada = host();
            for (String path : List.of("/a", "/b", "/c")) {
                hanging.delay(path, Duration.ofSeconds(60));
                subscribe(ada, hanging.url(path));
            }
            Host bea = host();
            subscribe(bea, answering.url("/bea"));

            for (int i = 1; i <= 4; i++) {
                append(ada.id(), reserved(ada.id(), Instant.now().plus(i, ChronoUnit.DAYS)));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> hanging.received("/a").size()
                                    + hanging.received("/b").size()
                                    + hanging.received("/c").size()
                            >= 3);

            for (int i = 1; i <= 3; i++) {
                long appended = System.nanoTime();
                append(bea.id(), reserved(bea.id(), Instant.now().plus(i, ChronoUnit.DAYS)));
                int expected = i;
                await().atMost(Duration.ofSeconds(8))
                        .until(() -> answering.received("/bea").size() == expected);
                System.out.printf(
                        "[webhook-limits] delivery %d to the answering host arrived %d ms after its event,"
                                + " while the hanging target held its attempts%n",
                        i, Duration.ofNanos(System.nanoTime() - appended).toMillis());
            }
            assertThat(hanging.received("/a").size()
                            + hanging.received("/b").size()
                            + hanging.received("/c").size())
                    .as("attempts in flight to the hanging target")
                    .isEqualTo(3);
        } finally {
            hanging.close();
            answering.close();
        }
    }

    private void subscribe(Host host, String url) {
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + host.position(),
                host.key(),
                Api.json(Map.of("url", url, "events", List.of("booking.reserved"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private Host host() {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(id, new HostRegistered(id, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        return new Host(id, key, position);
    }

    private static BookingReserved reserved(UUID host, Instant start) {
        UUID booking = UUID.randomUUID();
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                new Attendee("Bob", "bob@example.com", "Europe/Paris"),
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking);
    }
}
