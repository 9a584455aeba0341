package dev.bookwise.query.live;

import java.time.Instant;

/**
 * One client's subscription to one query: the list it was last sent, at which position, and how
 * to send it the next one.
 */
final class Subscription {

    /** Sends a list to the client (queues it on its connection). */
    @FunctionalInterface
    interface Delivery {
        void deliver(Answer answer, long position, Instant changedAt);
    }

    final Topic topic;
    private final Delivery delivery;
    private long position = Long.MIN_VALUE;
    private String last;

    Subscription(Topic topic, Delivery delivery) {
        this.topic = topic;
        this.delivery = delivery;
    }

    /**
     * Sends {@code answer} unless it is what the client already has, or was computed for an earlier
     * position than what it has. Every answer reflects at least its position; one computed at an
     * equal position may be older than the client's, but whatever made them differ comes after that
     * position, and the follower recomputes for it: that send is corrected, an older one might not be.
     */
    synchronized void offer(Answer answer, long position, Instant changedAt) {
        if (position < this.position) {
            return;
        }
        this.position = position;
        if (answer.body().equals(last)) {
            return;
        }
        last = answer.body();
        delivery.deliver(answer, position, changedAt);
    }
}
