package dev.bookwise.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.host.HostRepository;
import dev.bookwise.query.publish.BookingEventTypes;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.web.auth.Caller;
import dev.bookwise.web.idempotency.IdempotencyKeys;
import dev.bookwise.web.paging.Cursors;
import dev.bookwise.web.request.TimeParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks", description = "Signed HTTP callbacks for booking events (Standard Webhooks)")
class WebhookController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /** {@code teamId}: the bookings made through one team (left out of the request's digest when null, as before teams). */
    record CreateWebhook(
            String url,
            List<String> events,
            UUID hostId,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId) {}

    /** The answer to a creation: the subscription, and its secret (this once). */
    record CreatedWebhook(
            UUID id,
            String secret,
            UUID hostId,
            String url,
            List<String> events,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId) {}

    record Subscriptions(List<WebhookSubscription> items) {}

    record DeliveryLog(List<WebhookDeliveryRepository.Attempt> items, String next) {}

    record Redriven(List<String> webhookIds) {}

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final TargetPolicy targets;
    private final HostRepository hosts;
    private final TeamRepository teams;
    private final Scheduler scheduler;
    private final CustomTask<Void> attemptTask;
    private final ObjectMapper json;

    WebhookController(
            WebhookSubscriptionRepository subscriptions,
            WebhookDeliveryRepository deliveries,
            TargetPolicy targets,
            HostRepository hosts,
            TeamRepository teams,
            Scheduler scheduler,
            CustomTask<Void> webhookAttemptTask,
            ObjectMapper json) {
        this.teams = teams;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.attemptTask = webhookAttemptTask;
        this.json = json;
    }

    @PostMapping("/api/webhooks")
    @Operation(
            summary = "Subscribe a URL to booking events",
            description = "A host key subscribes for its own host (hostId may be omitted); a team key for its team "
                    + "(teamId may be omitted): the events of the bookings made through the team; the admin key for "
                    + "one host, one team, or, without hostId and teamId, for every host. events omitted: all booking events. The secret is "
                    + "returned only here. Loopback and private targets are refused unless the service allows them. "
                    + "A host has at most 25 live subscriptions and there are at most 10 for every host by default "
                    + "(422 subscription-limit-reached). Retrying with the Idempotency-Key of a subscription "
                    + "deleted since: 409 subscription-deleted.")
    ResponseEntity<CreatedWebhook> create(
            @RequestBody CreateWebhook request,
            Caller caller,
            @Parameter(description = "1-255 characters; a retry with the same key and body returns the first answer")
                    @RequestHeader(value = "Idempotency-Key", required = false)
                    String idempotencyKey) {
        if (request == null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "a JSON body is required");
        }
        IdempotencyKeys.check(idempotencyKey);
        if (request.hostId() != null && request.teamId() != null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give hostId or teamId, not both");
        }
        UUID teamId = request.teamId() != null ? request.teamId() : request.hostId() == null ? caller.teamId() : null;
        UUID hostId = teamId != null ? null : request.hostId() != null ? request.hostId() : caller.hostId();
        if (teamId != null) {
            caller.requireTeam(teamId);
            if (!teams.exists(teamId)) {
                throw new BookwiseException(ErrorCode.TEAM_NOT_FOUND, "no team " + teamId);
            }
        } else if (hostId != null) {
            caller.requireHost(hostId);
            if (hosts.timeZoneOf(hostId).isEmpty()) {
                throw new BookwiseException(ErrorCode.HOST_NOT_FOUND, "no host " + hostId);
            }
        } else {
            // every host's events: the admin only
            caller.requireAdmin();
        }
        URI url = targets.checkSubscription(request.url());
        List<String> events = eventTypes(request.events());
        String requestDigest = digest(new CreateWebhook(url.toString(), events, hostId, teamId));
        WebhookSubscriptionRepository.Created created = subscriptions.create(
                new WebhookSubscriptionRepository.Stored(
                        new WebhookSubscription(
                                UUID.randomUUID(), hostId, url.toString(), events, Instant.now(), teamId),
                        WebhookSignature.newSecret(),
                        caller.principal(),
                        requestDigest),
                idempotencyKey);
        WebhookSubscriptionRepository.Stored stored = created.stored();
        if (!requestDigest.equals(stored.requestSha256())) {
            throw new BookwiseException(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used with a different request");
        }
        if (created.deleted()) {
            // its secret is not handed out again: the subscription it signed for is gone
            throw new BookwiseException(
                    ErrorCode.SUBSCRIPTION_DELETED,
                    "the subscription this Idempotency-Key created ("
                            + stored.subscription().id() + ") has been deleted; subscribe again with a new key");
        }
        WebhookSubscription s = stored.subscription();
        return ResponseEntity.created(URI.create("/api/webhooks/" + s.id()))
                .body(new CreatedWebhook(
                        s.id(), stored.secret(), s.hostId(), s.url(), s.events(), s.createdAt(), s.teamId()));
    }

    @GetMapping("/api/webhooks")
    @Operation(
            summary = "List subscriptions",
            description = "A host key sees its host's, a team key its team's; the admin all, or one host's with "
                    + "hostId, or one team's with teamId.")
    Subscriptions list(
            @RequestParam(required = false) UUID hostId, @RequestParam(required = false) UUID teamId, Caller caller) {
        if (hostId != null && teamId != null) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "give hostId or teamId, not both");
        }
        if (!caller.admin()) {
            if (caller.team()) {
                caller.requireTeam(teamId != null ? teamId : caller.teamId());
                if (hostId != null) {
                    caller.requireHost(hostId);
                }
                return new Subscriptions(subscriptions.list(null, caller.teamId()));
            }
            if (teamId != null) {
                caller.requireTeam(teamId);
            }
            caller.requireHost(hostId != null ? hostId : caller.hostId());
            return new Subscriptions(subscriptions.list(caller.hostId(), null));
        }
        return new Subscriptions(subscriptions.list(hostId, teamId));
    }

    @GetMapping("/api/webhooks/{id}")
    @Operation(summary = "One subscription (without its secret)")
    WebhookSubscription get(@PathVariable UUID id, Caller caller) {
        return owned(id, caller).subscription();
    }

    @DeleteMapping("/api/webhooks/{id}")
    @Operation(summary = "Unsubscribe", description = "Pending attempts are cancelled; the delivery log is kept.")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        owned(id, caller);
        Instant now = Instant.now();
        if (subscriptions.delete(id, now)) {
            deliveries.cancelPending(id, now);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/webhooks/{id}/deliveries")
    @Operation(
            summary = "The delivery log",
            description =
                    "Every attempt, newest first; status SUCCEEDED, RETRYING "
                            + "(failed, another attempt is scheduled) or FAILED (the last attempt failed). Page with next as cursor.")
    DeliveryLog deliveries(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            Caller caller) {
        owned(id, caller);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        String wanted = null;
        if (status != null) {
            wanted = status.toUpperCase(Locale.ROOT);
            if (!List.of("SUCCEEDED", "RETRYING", "FAILED").contains(wanted)) {
                throw new BookwiseException(ErrorCode.INVALID_REQUEST, "status must be SUCCEEDED, RETRYING or FAILED");
            }
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<WebhookDeliveryRepository.Attempt> items = deliveries.attempts(
                id,
                wanted,
                after == null ? null : after.attemptedAt(),
                after == null ? null : after.webhookId(),
                after == null ? null : after.attempt(),
                size + 1);
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            WebhookDeliveryRepository.Attempt last = items.get(size - 1);
            next = new Cursor(last.attemptedAt(), last.webhookId(), last.attempt()).encode();
        }
        return new DeliveryLog(items, next);
    }

    @PostMapping("/api/webhooks/{id}/deliveries/{webhookId}/redeliver")
    @Operation(
            summary = "Re-drive one failed delivery (admin)",
            description = "The message (same webhook-id and body) gets a fresh series of attempts. Repeating it while "
                    + "the delivery is under way changes nothing.")
    ResponseEntity<Redriven> redeliver(@PathVariable UUID id, @PathVariable String webhookId, Caller caller) {
        caller.requireAdmin();
        owned(id, caller);
        if (!deliveries.subscriptionOf(webhookId).filter(id::equals).isPresent()) {
            throw new BookwiseException(ErrorCode.NOT_FOUND, "no delivery " + webhookId + " for webhook " + id);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Redriven(redrive(List.of(webhookId))));
    }

    @PostMapping("/api/webhooks/{id}/deliveries/redeliver-failed")
    @Operation(summary = "Re-drive every failed delivery of a subscription (admin)")
    ResponseEntity<Redriven> redeliverFailed(@PathVariable UUID id, Caller caller) {
        caller.requireAdmin();
        owned(id, caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Redriven(redrive(deliveries.failed(id))));
    }

    private List<String> redrive(List<String> webhookIds) {
        Instant now = Instant.now();
        List<String> redriven = webhookIds.stream()
                .filter(webhookId -> deliveries.redrive(webhookId, now))
                .toList();
        redriven.forEach(webhookId -> scheduler.scheduleIfNotExists(attemptTask.instance(webhookId), now));
        if (!redriven.isEmpty()) {
            scheduler.triggerCheckForDueExecutions();
        }
        return redriven;
    }

    private WebhookSubscriptionRepository.Stored owned(UUID id, Caller caller) {
        WebhookSubscriptionRepository.Stored stored = subscriptions
                .find(id)
                .orElseThrow(() -> new BookwiseException(ErrorCode.NOT_FOUND, "no webhook " + id));
        WebhookSubscription subscription = stored.subscription();
        if (caller.admin()) {
            return stored;
        }
        if (caller.team()) {
            if (!caller.teamId().equals(subscription.teamId())) {
                throw new BookwiseException(ErrorCode.FORBIDDEN, "this key may act only on team " + caller.teamId());
            }
        } else if (caller.hostId() == null
                || subscription.teamId() != null
                || !caller.hostId().equals(subscription.hostId())) {
            throw new BookwiseException(ErrorCode.FORBIDDEN, "this key may act only on host " + caller.hostId());
        }
        return stored;
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested == null) {
            return BookingEventTypes.ALL;
        }
        if (requested.isEmpty()) {
            throw new BookwiseException(
                    ErrorCode.INVALID_REQUEST, "events must name at least one event type, or be omitted for all");
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || !BookingEventTypes.ALL.contains(type)) {
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST,
                        "unknown event type; expected some of " + String.join(", ", BookingEventTypes.ALL));
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private String digest(CreateWebhook request) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Position in the delivery log: (attemptedAt, webhookId, attempt) of the last item of a page. */
    record Cursor(Instant attemptedAt, String webhookId, int attempt) {
        String encode() {
            return Cursors.encode(attemptedAt, webhookId, attempt);
        }

        static Cursor decode(String text) {
            return Cursors.decode(
                    text,
                    3,
                    parts -> new Cursor(
                            TimeParams.checked("cursor", Instant.parse(parts.get(0))),
                            parts.get(1),
                            Integer.parseInt(parts.get(2))));
        }
    }
}
