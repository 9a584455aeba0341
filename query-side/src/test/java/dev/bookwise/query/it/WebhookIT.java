package dev.bookwise.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.testsupport.Api;
import dev.bookwise.testsupport.WebhookReceiver;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhooks end to end on real servers: events appended to the event store go through the Kafka
 * publisher, the topic and the fan-out consumer to an HTTP receiver in this test; signatures are
 * checked with the independent Standard Webhooks library.
 */
@TestPropertySource(
        properties = {
            "bookwise.webhook.allow-loopback=true",
            "bookwise.webhook.first-retry=PT0.4S",
            "bookwise.webhook.max-attempts=3",
            "bookwise.webhook.timeout=PT2S"
        })
class WebhookIT extends QuerySideIT {

    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");
    private static final WebhookReceiver receiver = new WebhookReceiver();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    /** A Java class name, qualified ({@code java.net.ConnectException}) or an exception's simple name. */
    private static final Pattern JAVA_CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b");

    @Autowired
    ObjectMapper json;

    @Value("${bookwise.kafka.topic}")
    String topic;

    record Host(UUID id, String key, long position) {}

    record Subscription(String id, String secret) {}

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void subscriptionsAreMadeShownListedAndDeletedByTheirOwnerOnly() {
        Host ada = host();
        Host bea = host();
        String url = receiver.url("/crud");

        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + bea.position(),
                ada.key(),
                Api.json(Map.of("url", url, "events", List.of("booking.reserved", "booking.confirmed"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("secret")).startsWith("whsec_");
        assertThat(created.json().path("hostId").asText()).isEqualTo(ada.id().toString());
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + id);

        Api.Response shown = api.get("/api/webhooks/" + id, ada.key());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().has("secret")).as("the secret is shown once").isFalse();
        assertThat(shown.json().path("url").asText()).isEqualTo(url);
        assertThat(api.get("/api/webhooks/" + id, bea.key()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/webhooks/" + id, null).code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/webhooks/" + id + "/deliveries", bea.key()).code())
                .isEqualTo("forbidden");
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).hasSize(1);
        assertThat(api.get("/api/webhooks", bea.key()).json().path("items")).isEmpty();
        assertThat(api.get("/api/webhooks?hostId=" + ada.id(), ADMIN).json().path("items"))
                .hasSize(1);

        // a host key acts only for its own host; hosts must exist
        assertThat(api.post("/api/webhooks", bea.key(), Api.json(Map.of("url", url, "hostId", ada.id())))
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.post("/api/webhooks", ADMIN, Api.json(Map.of("url", url, "hostId", UUID.randomUUID())))
                        .code())
                .isEqualTo("host-not-found");

        assertThat(api.send("DELETE", "/api/webhooks/" + id, bea.key(), null).code())
                .isEqualTo("forbidden");
        assertThat(api.send("DELETE", "/api/webhooks/" + id, ada.key(), null).status())
                .isEqualTo(204);
        assertThat(api.get("/api/webhooks/" + id, ada.key()).code()).isEqualTo("not-found");
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).isEmpty();
    }

    @Test
    void badSubscriptionsAreRefusedWithClearProblems() {
        Host ada = host();
        for (String url : List.of(
                "ftp://example.com/hook",
                "http:///nohost",
                "not a url",
                "http://user:pw@example.com/",
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::1]/hook",
                "http://0.0.0.0/hook",
                "http://example.com/" + "a".repeat(2100))) {
            Api.Response refused =
                    api.post("/api/webhooks?minPosition=" + ada.position(), ada.key(), Api.json(Map.of("url", url)));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.code()).as(url).isEqualTo("invalid-webhook-url");
        }
        assertThat(api.post(
                                "/api/webhooks",
                                ada.key(),
                                Api.json(Map.of("url", receiver.url("/x"), "events", List.of("booking.exploded"))))
                        .code())
                .isEqualTo("invalid-request");
        assertThat(api.post(
                                "/api/webhooks",
                                ada.key(),
                                Api.json(Map.of("url", receiver.url("/x"), "events", List.of())))
                        .code())
                .isEqualTo("invalid-request");
        assertThat(api.post("/api/webhooks", ada.key(), "{\"url\": ").code()).isEqualTo("invalid-request");
        assertThat(api.post(
                                "/api/webhooks",
                                ada.key(),
                                "{\"url\": \"" + receiver.url("/x") + "\", \"hostId\": \"nope\"}")
                        .code())
                .isEqualTo("invalid-request");
    }

    @Test
    void aRetriedCreationReturnsTheFirstAnswerAndAReusedKeyIsRefused() {
        Host ada = host();
        String body = Api.json(Map.of("url", receiver.url("/idem")));
        Api.Response first =
                api.post("/api/webhooks?minPosition=" + ada.position(), ada.key(), body, "Idempotency-Key", "hook-1");
        Api.Response again = api.post("/api/webhooks", ada.key(), body, "Idempotency-Key", "hook-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("secret")).isEqualTo(first.text("secret"));
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).hasSize(1);
        Api.Response reused = api.post(
                "/api/webhooks",
                ada.key(),
                Api.json(Map.of("url", receiver.url("/other"))),
                "Idempotency-Key",
                "hook-1");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void aRetryWithTheKeyOfADeletedSubscriptionIsRefusedAndDoesNotShowItsSecret() {
        Host ada = host();
        String body = Api.json(Map.of("url", receiver.url("/deleted")));
        Api.Response first = api.post(
                "/api/webhooks?minPosition=" + ada.position(), ada.key(), body, "Idempotency-Key", "hook-deleted");
        assertThat(first.status()).isEqualTo(201);
        assertThat(api.send("DELETE", "/api/webhooks/" + first.text("id"), ada.key(), null)
                        .status())
                .isEqualTo(204);

        Api.Response again = api.post("/api/webhooks", ada.key(), body, "Idempotency-Key", "hook-deleted");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("subscription-deleted");
        assertThat(again.body()).doesNotContain(first.text("secret")).doesNotContain("whsec_");
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items"))
                .as("no subscription made either")
                .isEmpty();
        // the key with another body is still a reused key
        assertThat(api.post(
                                "/api/webhooks",
                                ada.key(),
                                Api.json(Map.of("url", receiver.url("/elsewhere"))),
                                "Idempotency-Key",
                                "hook-deleted")
                        .code())
                .isEqualTo("idempotency-key-reused");
    }

    @Test
    void anIdempotencyKeyOlderThanItsRetentionNoLongerReplaysTheFirstAnswer() {
        Host ada = host();
        String body = Api.json(Map.of("url", receiver.url("/expiring")));
        Api.Response first = api.post(
                "/api/webhooks?minPosition=" + ada.position(), ada.key(), body, "Idempotency-Key", "hook-expiring");
        assertThat(first.status()).isEqualTo(201);
        assertThat(api.post("/api/webhooks", ada.key(), body, "Idempotency-Key", "hook-expiring")
                        .text("id"))
                .as("within the retention: the first answer")
                .isEqualTo(first.text("id"));

        jdbc.update(
                "UPDATE webhook_subscription SET created_at = created_at - interval '25 hours 1 minute'"
                        + " WHERE subscription_id = ?::uuid",
                first.text("id"));

        Api.Response later = api.post("/api/webhooks", ada.key(), body, "Idempotency-Key", "hook-expiring");
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.text("id")).isNotEqualTo(first.text("id"));
        assertThat(later.text("secret")).isNotEqualTo(first.text("secret"));
        assertThat(api.get("/api/webhooks", ada.key()).json().path("items")).hasSize(2);

        // expired keys are also released by a recurring task, whether or not they are used again
        jdbc.update(
                "UPDATE webhook_subscription SET created_at = created_at - interval '25 hours 1 minute'"
                        + " WHERE subscription_id = ?::uuid",
                later.text("id"));
        jdbc.update(
                "UPDATE query_scheduled_tasks SET execution_time = now() WHERE task_name = ?",
                "webhook-idempotency-expiry");
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                        "SELECT idempotency_key IS NULL AND request_sha256 IS NULL FROM webhook_subscription"
                                + " WHERE subscription_id = ?::uuid",
                        Boolean.class,
                        later.text("id")));
    }

    @Test
    void deliveryErrorsSayWhatHappenedWithoutJavaNames() throws Exception {
        Host ada = host();
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        try (ServerSocket hangingUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> {
                while (!hangingUp.isClosed()) {
                    try (Socket socket = hangingUp.accept()) {
                        socket.getInputStream().read(new byte[1024]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            hangUp.setDaemon(true);
            hangUp.start();
            receiver.answer("/five-hundred", n -> 500);
            receiver.delay("/slow", Duration.ofSeconds(6));
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("http://127.0.0.1:" + closedPort + "/refused", "connection refused");
            expected.put(receiver.url("/slow"), "timed out after 2 s");
            expected.put("https://127.0.0.1:" + hangingUp.getLocalPort() + "/tls", "TLS handshake failed");
            expected.put(receiver.url("/five-hundred"), "HTTP 500");
            expected.put(
                    "http://127.0.0.1:" + hangingUp.getLocalPort() + "/hang-up",
                    "connection closed before a complete response");
            Map<String, Subscription> hooks = new java.util.LinkedHashMap<>();
            for (String url : expected.keySet()) {
                Api.Response created = api.post(
                        "/api/webhooks?minPosition=" + ada.position(),
                        ada.key(),
                        Api.json(Map.of("url", url, "events", List.of("booking.reserved"))));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                hooks.put(url, new Subscription(created.text("id"), created.text("secret")));
            }
            append(ada.id(), reserved(ada.id(), UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));

            for (Map.Entry<String, String> hook : expected.entrySet()) {
                Subscription subscription = hooks.get(hook.getKey());
                await().atMost(PATIENCE)
                        .until(() -> !deliveryLog(ada, subscription).isEmpty());
                for (JsonNode attempt : deliveryLog(ada, subscription)) {
                    String error = attempt.path("error").asText();
                    assertThat(error).as(hook.getKey()).startsWith(hook.getValue());
                    assertThat(error).as(hook.getKey()).doesNotContainPattern(JAVA_CLASS_NAME);
                }
            }
        }
    }

    @Test
    void aRecordForgedOntoTheTopicIsNotSignedAndSent() throws Exception {
        Host ada = host();
        Host bea = host();
        subscribe(ada, "/forged", List.of("booking.reserved"));
        UUID beasBooking = UUID.randomUUID();
        append(bea.id(), reserved(bea.id(), beasBooking, Instant.now().plus(1, ChronoUnit.DAYS)));
        String beasEvent = jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1",
                String.class,
                bea.id().toString());
        // published: the topic exists with the publisher's partitions
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM published_booking WHERE booking_id = ?", Long.class, beasBooking)
                        == 1);

        String unknownEvent = UUID.randomUUID().toString();
        try (KafkaProducer<String, CloudEvent> producer = TopicRecords.producer()) {
            // an event id the store does not have
            producer.send(new ProducerRecord<>(
                    topic, ada.id().toString(), TopicRecords.reserved(unknownEvent, ada.id(), 1, UUID.randomUUID())));
            // another host's real event, claimed for this host
            producer.send(new ProducerRecord<>(
                    topic, ada.id().toString(), TopicRecords.reserved(beasEvent, ada.id(), 1, beasBooking)));
            producer.flush();
        }
        UUID genuine = UUID.randomUUID();
        append(ada.id(), reserved(ada.id(), genuine, Instant.now().plus(2, ChronoUnit.DAYS)));

        // the genuine event follows the forged records in the host's partition: once it is here, they were read
        await().atMost(PATIENCE).until(() -> !receiver.received("/forged").isEmpty());
        assertThat(receiver.received("/forged")).hasSize(1);
        assertThat(receiver.received("/forged").get(0).body()).contains(genuine.toString());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE event_id IN (?, ?)",
                        Long.class,
                        unknownEvent,
                        beasEvent))
                .isZero();
    }

    @Test
    void deliveriesAreSignedCarryTheBookingAndOnlyTheChosenEvents() throws Exception {
        Host ada = host();
        Subscription hook = subscribe(ada, "/signed", List.of("booking.reserved", "booking.confirmed"));
        // the signing secret is kept sealed: the signatures below verify with the secret shown at creation
        String stored = jdbc.queryForObject(
                "SELECT secret FROM webhook_subscription WHERE subscription_id = ?::uuid", String.class, hook.id());
        assertThat(stored).startsWith("enc:v1:").doesNotContain(hook.secret().substring("whsec_".length()));
        UUID booking = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        append(ada.id(), reserved(ada.id(), booking, start));
        append(ada.id(), new BookingConfirmed(booking, ada.id(), "ok"));
        append(ada.id(), new BookingCancelled(booking, ada.id(), "no longer"));
        append(ada.id(), reserved(ada.id(), later, start.plus(Duration.ofHours(2))));

        await().atMost(PATIENCE).until(() -> receiver.received("/signed").size() >= 3);
        List<WebhookReceiver.Received> got = receiver.received("/signed");
        Webhook verifier = new Webhook(hook.secret());
        for (WebhookReceiver.Received request : got) {
            verifier.verify(request.body(), request.headers()); // throws if the signature does not verify
            assertThat(request.header("webhook-id")).startsWith("msg_").endsWith("_" + hook.id());
            assertThat(request.header("content-type")).isEqualTo("application/json");
        }
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (WebhookReceiver.Received request : got) {
            JsonNode body = json.readTree(request.body());
            assertThat(body.fieldNames()).toIterable().contains("type", "timestamp", "data");
            if (body.path("data").path("bookingId").asText().equals(booking.toString())) {
                byType.put(body.path("type").asText(), body);
            }
        }
        assertThat(byType).containsOnlyKeys("booking.reserved", "booking.confirmed");
        assertThat(byType.get("booking.reserved").path("data").path("status").asText())
                .isEqualTo("RESERVED");
        assertThat(byType.get("booking.confirmed").path("data").path("status").asText())
                .isEqualTo("CONFIRMED");
        assertThat(byType.get("booking.confirmed")
                        .path("data")
                        .path("attendee")
                        .path("email")
                        .asText())
                .isEqualTo("bob@example.com");
        // the fan-out reads a host's events in order: once the later reservation is in, the cancellation was seen and
        // skipped
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid",
                        Integer.class,
                        hook.id()))
                .isEqualTo(3);
        // a tampered body does not verify
        WebhookReceiver.Received first = got.get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> verifier.verify(first.body().replace("Bob", "Eve"), first.headers()))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void aNoShowIsDeliveredAsBookingNoShowAndNoDeliveryCarriesTheManageTokensDigest() throws Exception {
        Host ada = host();
        Subscription hook = subscribe(ada, "/no-show", List.of("booking.reserved", "booking.no_show"));
        UUID booking = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        String digest = keyDigest("bwm_" + UUID.randomUUID());
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        append(
                ada.id(),
                new BookingReserved(
                        booking,
                        ada.id(),
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        0,
                        0,
                        BOB,
                        Instant.now().plus(Duration.ofMinutes(10)),
                        "deadline",
                        type,
                        Map.of("topic", "sales"),
                        Map.of("crmId", "42"),
                        digest),
                new BookingConfirmed(booking, ada.id(), null),
                new dev.bookwise.events.BookingMarkedNoShow(booking, ada.id(), "did not come"));

        await().atMost(PATIENCE).until(() -> receiver.received("/no-show").size() >= 2);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (WebhookReceiver.Received request : receiver.received("/no-show")) {
            assertThat(request.body()).doesNotContain(digest).doesNotContain("manageToken");
            JsonNode body = json.readTree(request.body());
            byType.put(body.path("type").asText(), body);
        }
        assertThat(byType).containsOnlyKeys("booking.reserved", "booking.no_show");
        JsonNode noShow = byType.get("booking.no_show").path("data");
        assertThat(noShow.path("status").asText()).isEqualTo("NO_SHOW");
        assertThat(noShow.path("reason").asText()).isEqualTo("did not come");
        JsonNode reserved = byType.get("booking.reserved").path("data");
        assertThat(reserved.path("eventTypeId").asText()).isEqualTo(type.toString());
        assertThat(reserved.path("answers").path("topic").asText()).isEqualTo("sales");
        assertThat(reserved.path("metadata").path("crmId").asText()).isEqualTo("42");
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheThirdAttemptWithTheSameWebhookId() throws Exception {
        Host ada = host();
        receiver.answer("/flaky", n -> n == 1 ? 500 : n == 2 ? 503 : 204);
        Subscription hook = subscribe(ada, "/flaky", List.of("booking.reserved"));
        append(ada.id(), reserved(ada.id(), UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));

        await().atMost(PATIENCE)
                .until(() -> deliveryLog(ada, hook).size() == 3
                        && deliveryLog(ada, hook).stream()
                                .anyMatch(a -> a.path("status").asText().equals("SUCCEEDED")));
        List<WebhookReceiver.Received> got = receiver.received("/flaky");
        assertThat(got).hasSize(3);
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
        Webhook verifier = new Webhook(hook.secret());
        for (WebhookReceiver.Received request : got) {
            verifier.verify(request.body(), request.headers());
        }
        List<JsonNode> log = oldestFirst(deliveryLog(ada, hook));
        assertThat(log).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(log).extracting(a -> a.path("status").asText()).containsExactly("RETRYING", "RETRYING", "SUCCEEDED");
        assertThat(log).extracting(a -> a.path("responseCode").asInt()).containsExactly(500, 503, 204);
        assertThat(log)
                .extracting(a -> a.path("webhookId").asText())
                .containsOnly(got.get(0).header("webhook-id"));
        assertThat(log).extracting(a -> a.path("eventType").asText()).containsOnly("booking.reserved");
        assertThat(log.get(0).path("error").asText()).isEqualTo("HTTP 500");
        assertThat(log.get(2).path("error").isNull()).isTrue();
        assertThat(log.get(0).has("durationMs") && log.get(0).has("attemptedAt"))
                .isTrue();
    }

    @Test
    void afterTheLastAttemptADeliveryIsKeptAsFailedAndAnAdminCanRedriveIt() throws Exception {
        Host ada = host();
        receiver.answer("/down", n -> n <= 3 ? 500 : 200);
        Subscription hook = subscribe(ada, "/down", List.of("booking.reserved"));
        append(ada.id(), reserved(ada.id(), UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));

        await().atMost(PATIENCE)
                .until(() -> deliveryLog(ada, hook).stream()
                        .anyMatch(a -> a.path("status").asText().equals("FAILED")));
        List<JsonNode> log = oldestFirst(deliveryLog(ada, hook));
        assertThat(log).extracting(a -> a.path("status").asText()).containsExactly("RETRYING", "RETRYING", "FAILED");
        String webhookId = log.get(0).path("webhookId").asText();
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM webhook_delivery WHERE webhook_id = ?", String.class, webhookId))
                .isEqualTo("FAILED");

        String redrive = "/api/webhooks/" + hook.id() + "/deliveries/" + webhookId + "/redeliver";
        assertThat(api.post(redrive, ada.key(), null).code()).isEqualTo("forbidden");
        Api.Response redriven = api.post(redrive, ADMIN, null);
        assertThat(redriven.status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> deliveryLog(ada, hook).size() == 4);
        JsonNode fourth = deliveryLog(ada, hook).get(0);
        assertThat(fourth.path("attempt").asInt()).isEqualTo(4);
        assertThat(fourth.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(receiver.received("/down"))
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(webhookId);
        assertThat(api.post("/api/webhooks/" + hook.id() + "/deliveries/nope/redeliver", ADMIN, null)
                        .code())
                .isEqualTo("not-found");
    }

    @Test
    void anAdminSubscriptionWithoutAHostHearsEveryHost() {
        Host ada = host();
        Host bea = host();
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + bea.position(),
                ADMIN,
                Api.json(Map.of("url", receiver.url("/all"), "events", List.of("booking.reserved"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("hostId").isNull()).isTrue();
        assertThat(api.get("/api/webhooks/" + created.text("id"), ada.key()).code())
                .isEqualTo("forbidden");
        append(ada.id(), reserved(ada.id(), UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));
        append(bea.id(), reserved(bea.id(), UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.DAYS)));
        await().atMost(PATIENCE).until(() -> receiver.received("/all").size() == 2);
    }

    private List<JsonNode> deliveryLog(Host host, Subscription hook) {
        Api.Response response = api.get("/api/webhooks/" + hook.id() + "/deliveries", host.key());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new java.util.ArrayList<>();
        response.json().path("items").forEach(items::add);
        return items;
    }

    private static List<JsonNode> oldestFirst(List<JsonNode> newestFirst) {
        List<JsonNode> items = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(items);
        return items;
    }

    private Subscription subscribe(Host host, String path, List<String> events) {
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + host.position(),
                host.key(),
                Api.json(Map.of("url", receiver.url(path), "events", events)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Subscription(created.text("id"), created.text("secret"));
    }

    private Host host() {
        UUID id = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(id, new HostRegistered(id, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        return new Host(id, key, position);
    }

    private static BookingReserved reserved(UUID host, UUID booking, Instant start) {
        return new BookingReserved(
                booking,
                host,
                start,
                start.plus(Duration.ofMinutes(30)),
                0,
                0,
                BOB,
                Instant.now().plus(Duration.ofMinutes(10)),
                "deadline-" + booking);
    }
}
