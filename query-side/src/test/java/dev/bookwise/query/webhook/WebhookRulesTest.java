package dev.bookwise.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.query.config.WebhookProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {

    static WebhookProperties properties(boolean allowLoopback, List<String> networks) {
        return new WebhookProperties(
                allowLoopback,
                networks,
                8,
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                Duration.ofSeconds(3),
                Duration.ofSeconds(10),
                4,
                4,
                25,
                10,
                Duration.ofHours(25));
    }

    private static void refused(TargetPolicy policy, String url) {
        assertThatThrownBy(() -> policy.checkSubscription(url))
                .as(url)
                .isInstanceOf(BookwiseException.class)
                .extracting(e -> ((BookwiseException) e).code().code())
                .isEqualTo("invalid-webhook-url");
    }

    @Test
    void loopbackPrivateLinkLocalAndUnspecifiedTargetsAreRefusedByDefault() {
        TargetPolicy policy = new TargetPolicy(properties(false, List.of()));
        for (String url : List.of(
                "http://127.0.0.1/h",
                "http://localhost:8080/h",
                "http://[::1]/h",
                "http://10.1.2.3/h",
                "http://172.16.0.1/h",
                "http://192.168.1.1/h",
                "http://100.64.0.1/h",
                "http://[fd00::1]/h",
                "http://169.254.169.254/latest",
                "http://[fe80::1]/h",
                "http://0.0.0.0/h",
                "http://224.0.0.1/h",
                "http://255.255.255.255/h")) {
            refused(policy, url);
        }
        assertThat(policy.checkSubscription("https://93.184.215.14/hook"))
                .isEqualTo(URI.create("https://93.184.215.14/hook"));
        assertThat(policy.refusalAtDelivery(URI.create("http://127.0.0.1/h"))).isPresent();
    }

    @Test
    void allowLoopbackPermitsLoopbackAndPrivateButNeverLinkLocal() {
        TargetPolicy policy = new TargetPolicy(properties(true, List.of()));
        assertThat(policy.checkSubscription("http://127.0.0.1:9000/h")).isNotNull();
        assertThat(policy.checkSubscription("http://10.0.0.7/h")).isNotNull();
        assertThat(policy.refusalAtDelivery(URI.create("http://localhost/h"))).isEmpty();
        refused(policy, "http://169.254.169.254/latest");
    }

    @Test
    void configuredNetworksArePermitted() {
        TargetPolicy policy =
                new TargetPolicy(properties(false, List.of("10.20.0.0/16", "169.254.10.0/24", "fd12::/16")));
        assertThat(policy.checkSubscription("http://10.20.30.40/h")).isNotNull();
        assertThat(policy.checkSubscription("http://169.254.10.9/h")).isNotNull();
        assertThat(policy.checkSubscription("http://[fd12::5]/h")).isNotNull();
        refused(policy, "http://10.21.0.1/h");
        refused(policy, "http://[fd13::5]/h");
        assertThatThrownBy(() -> new TargetPolicy(properties(false, List.of("example.com/8"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyWellFormedHttpUrlsWithoutCredentialsAreAccepted() {
        TargetPolicy policy = new TargetPolicy(properties(true, List.of()));
        for (String url : List.of(
                "",
                "ftp://example.com/x",
                "file:///etc/passwd",
                "http://",
                "http://exa mple.com/",
                "https://user:secret@example.com/",
                "https://example.com/#frag",
                "javascript:alert(1)",
                "https://example.com/" + "x".repeat(TargetPolicy.MAX_URL_LENGTH))) {
            refused(policy, url);
        }
        // a name that does not resolve here is accepted; every attempt checks again
        assertThat(policy.checkSubscription("https://hooks.example.invalid/in")).isNotNull();
        assertThat(policy.refusalAtDelivery(URI.create("https://hooks.example.invalid/in")))
                .isPresent();
    }

    @Test
    void retriesBackOffExponentiallyWithJitterWithinTheirBounds() {
        Duration first = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(10);
        assertThat(WebhookDispatcher.backoff(first, max, 1, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WebhookDispatcher.backoff(first, max, 1, 0.999))
                .isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        assertThat(WebhookDispatcher.backoff(first, max, 2, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookDispatcher.backoff(first, max, 4, 0.0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(WebhookDispatcher.backoff(first, max, 20, 0.0)).isEqualTo(max);
        assertThat(WebhookDispatcher.backoff(first, max, 60, 0.5))
                .isEqualTo(Duration.ofMinutes(10).minusMinutes(2).minusSeconds(30));
    }

    @Test
    void signaturesFollowStandardWebhooks() throws Exception {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        String body = "{\"type\":\"booking.reserved\"}";
        String signature = WebhookSignature.sign(secret, "msg_1", 1_700_000_000L, body);
        assertThat(signature).startsWith("v1,");
        String independent = new com.standardwebhooks.Webhook(secret).sign("msg_1", 1_700_000_000L, body);
        assertThat(signature).isEqualTo(independent);
    }
}
