package dev.bookwise.query.live;

import java.io.IOException;
import java.time.Instant;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An SSE stream of one subscription: {@code slots} events, and a comment line to keep it open. */
final class SseOutbox extends Outbox implements Subscription.Delivery {

    private final LiveAvailability live;
    /** Never times out: the stream lasts until the client or the server ends it. */
    private final SseEmitter emitter = new SseEmitter(0L);

    private volatile Subscription subscription;

    SseOutbox(LiveConnections connections, LiveAvailability live, String address, int capacity) {
        super(connections, LiveConnections.SSE, address, capacity);
        this.live = live;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(e -> close());
    }

    SseEmitter emitter() {
        return emitter;
    }

    void subscribed(Subscription subscription) {
        this.subscription = subscription;
        if (!isOpen()) {
            live.unsubscribe(subscription);
        }
    }

    @Override
    public void deliver(Answer answer, long position, Instant changedAt) {
        send(new Outgoing(Kind.SLOTS, answer.body(), position, changedAt));
    }

    @Override
    void write(Outgoing message) throws IOException {
        if (message.kind() == Kind.KEEP_ALIVE) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        } else {
            emitter.send(SseEmitter.event()
                    .name("slots")
                    .id(Long.toString(message.position()))
                    .data(message.text()));
        }
    }

    @Override
    void forget() {
        Subscription current = subscription;
        if (current != null) {
            live.unsubscribe(current);
        }
    }

    @Override
    void end() {
        emitter.complete();
    }
}
