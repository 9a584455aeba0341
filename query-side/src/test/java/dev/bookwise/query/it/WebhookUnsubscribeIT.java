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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Unsubscribing a receiver that keeps failing: its backlog (deliveries waiting an hour for their
 * next attempt here) is cancelled at once, not attempt by attempt as each comes due.
 */
@TestPropertySource(properties = {"bookwise.webhook.allow-loopback=true", "bookwise.webhook.first-retry=PT1H"})
class WebhookUnsubscribeIT extends QuerySideIT {

    private static final WebhookReceiver receiver = new WebhookReceiver();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void unsubscribingCancelsTheWaitingBacklogAtOnce() throws InterruptedException {
        UUID host = UUID.randomUUID();
        String key = "bwk_" + UUID.randomUUID();
        long position = append(host, new HostRegistered(host, "Ada", "ada@example.com", "UTC", keyDigest(key)));
        receiver.answer("/gone", n -> 500);
        Api.Response created = api.post(
                "/api/webhooks?minPosition=" + position,
                key,
                Api.json(Map.of("url", receiver.url("/gone"), "events", List.of("booking.reserved"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String subscription = created.text("id");
        for (int i = 1; i <= 5; i++) {
            append(host, reserved(host, Instant.now().plus(i, ChronoUnit.DAYS)));
        }
        await().atMost(Duration.ofSeconds(45))
                .until(() -> count(
                                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?::uuid AND status = 'RETRYING'",
                                subscription)
                        == 5);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> count(
                                "SELECT count(*) FROM query_scheduled_tasks WHERE task_instance LIKE ? AND NOT picked",
                                "%_" + subscription)
                        == 5);

        assertThat(api.send("DELETE", "/api/webhooks/" + subscription, key, null)
                        .status())
                .isEqualTo(204);

        assertThat(count("SELECT count(*) FROM query_scheduled_tasks WHERE task_instance LIKE ?", "%_" + subscription))
                .as("attempt tasks left")
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT status FROM webhook_delivery WHERE subscription_id = ?::uuid",
                        String.class,
                        subscription))
                .hasSize(5)
                .containsOnly("CANCELLED");
        int attempts = receiver.received("/gone").size();
        assertThat(attempts).isEqualTo(5);
        append(host, reserved(host, Instant.now().plus(9, ChronoUnit.DAYS)));
        Thread.sleep(2_000);
        assertThat(receiver.received("/gone"))
                .as("no attempt after the unsubscription")
                .hasSize(attempts);
    }

    private long count(String sql, Object argument) {
        return jdbc.queryForObject(sql, Long.class, argument);
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
