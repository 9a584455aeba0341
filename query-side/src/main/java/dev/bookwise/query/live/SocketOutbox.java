package dev.bookwise.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.query.availability.AvailabilityReads;
import dev.bookwise.web.problem.Outages;
import dev.bookwise.web.problem.Problem;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket on {@code /api/availability/ws} and its subscriptions. Every message to the client,
 * errors included, goes through the queue: a socket must be written by one thread at a time.
 */
final class SocketOutbox extends Outbox {

    static final String PATH = "/api/availability/ws";

    private static final Logger log = LoggerFactory.getLogger(SocketOutbox.class);
    private static final Set<String> FIELDS =
            Set.of("hostId", "teamId", "eventTypeId", "date", "from", "to", "timezone");

    private final WebSocketSession session;
    private final LiveAvailability live;
    private final ObjectMapper json;
    private final int maxSubscriptions;
    private final Map<AvailabilityReads.Params, Subscription> subscriptions = new ConcurrentHashMap<>();

    SocketOutbox(
            LiveConnections connections,
            LiveAvailability live,
            ObjectMapper json,
            WebSocketSession session,
            String address,
            LiveProperties properties) {
        super(connections, LiveConnections.SOCKET, address, properties.queueCapacity());
        this.session = session;
        this.live = live;
        this.json = json;
        this.maxSubscriptions = properties.maxSubscriptionsPerSocket();
    }

    /** A message from the client: {@code {"subscribe": {...}}} or {@code {"unsubscribe": {...}}}. */
    void receive(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            error(ErrorCode.INVALID_REQUEST, "the message is not valid JSON");
            return;
        }
        if (message == null || !message.isObject() || message.size() != 1) {
            error(ErrorCode.INVALID_REQUEST, "send {\"subscribe\": {...}} or {\"unsubscribe\": {...}}");
            return;
        }
        String verb = message.fieldNames().next();
        JsonNode request = message.get(verb);
        if (!verb.equals("subscribe") && !verb.equals("unsubscribe")) {
            error(ErrorCode.INVALID_REQUEST, "send {\"subscribe\": {...}} or {\"unsubscribe\": {...}}");
            return;
        }
        AvailabilityReads.Params params;
        try {
            params = params(request);
        } catch (BookwiseException e) {
            error(e.code(), e.detail());
            return;
        }
        if (verb.equals("subscribe")) {
            subscribe(request, params);
        } else {
            Subscription subscription = subscriptions.remove(params);
            if (subscription == null) {
                error(ErrorCode.INVALID_REQUEST, "no subscription with these fields on this connection");
                return;
            }
            live.unsubscribe(subscription);
        }
    }

    private void subscribe(JsonNode request, AvailabilityReads.Params params) {
        Subscription previous = subscriptions.remove(params);
        if (previous != null) {
            // the same subscription again: the current list once more, as on a reconnect
            live.unsubscribe(previous);
        } else if (subscriptions.size() >= maxSubscriptions) {
            error(ErrorCode.RATE_LIMITED, "at most " + maxSubscriptions + " subscriptions per connection");
            return;
        }
        Subscription subscription;
        try {
            subscription = live.subscribe(
                    params,
                    (answer, position, changedAt) ->
                            send(new Outgoing(Kind.SLOTS, slots(request, position, answer), position, changedAt)));
        } catch (BookwiseException e) {
            error(e.code(), e.detail());
            return;
        } catch (RuntimeException e) {
            if (Outages.isDatabaseUnavailable(e)) {
                error(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; retry shortly");
            } else {
                log.error("live availability subscription failed", e);
                error(ErrorCode.INTERNAL_ERROR, "an unexpected error occurred");
            }
            return;
        }
        subscriptions.put(params, subscription);
        if (!isOpen()) {
            // closed meanwhile: forget() may have run before the put
            live.unsubscribe(subscription);
        }
    }

    /** The subscription's fields, each text and known; what they mean is validated as the GET validates it. */
    private static AvailabilityReads.Params params(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new BookwiseException(ErrorCode.INVALID_REQUEST, "a subscription is an object of text fields");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BookwiseException(
                        ErrorCode.INVALID_REQUEST,
                        "unknown field '" + name + "'; known: " + String.join(", ", sorted()));
            }
            JsonNode value = request.get(name);
            if (!value.isTextual() && !value.isNull()) {
                throw new BookwiseException(ErrorCode.INVALID_REQUEST, name + " must be text");
            }
        }
        return new AvailabilityReads.Params(
                text(request, "hostId"),
                text(request, "teamId"),
                text(request, "eventTypeId"),
                text(request, "date"),
                text(request, "from"),
                text(request, "to"),
                text(request, "timezone"));
    }

    private static java.util.List<String> sorted() {
        return FIELDS.stream().sorted().toList();
    }

    private static String text(JsonNode request, String name) {
        JsonNode value = request.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String slots(JsonNode request, long position, Answer answer) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "slots");
        message.set("subscription", request);
        message.put("position", position);
        message.set("slots", answer.slots());
        return write(message);
    }

    private void error(ErrorCode code, String detail) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "error");
        message.set("problem", json.valueToTree(Problem.of(code, detail, PATH)));
        send(new Outgoing(Kind.ERROR, write(message), -1, null));
    }

    private String write(JsonNode message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live message could not be written as JSON", e);
        }
    }

    @Override
    void write(Outgoing message) throws IOException {
        if (message.kind() == Kind.KEEP_ALIVE) {
            session.sendMessage(new PingMessage());
        } else {
            session.sendMessage(new TextMessage(message.text()));
        }
    }

    @Override
    void forget() {
        subscriptions.values().forEach(live::unsubscribe);
        subscriptions.clear();
    }

    @Override
    void end() {
        if (session.isOpen()) {
            try {
                session.close(CloseStatus.GOING_AWAY);
            } catch (IOException e) {
                log.debug("closing a live socket: {}", e.toString());
            }
        }
    }
}
