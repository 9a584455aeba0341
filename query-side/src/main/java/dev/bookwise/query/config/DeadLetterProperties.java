package dev.bookwise.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of each processing group's dead-letter queue. A sequence is one host's events in a group.
 * When a bound is reached the next event that should be parked is not: its processor stops and
 * retries it (readiness goes DOWN), because that many parked hosts means something broader is wrong.
 *
 * @param maxSequences    hosts a group may have parked at once ({@code BOOKWISE_DEAD_LETTER_MAX_SEQUENCES})
 * @param maxSequenceSize events one parked host may have queued in a group, the failed one included
 *                        ({@code BOOKWISE_DEAD_LETTER_MAX_SEQUENCE_SIZE})
 */
@ConfigurationProperties("bookwise.dead-letters")
public record DeadLetterProperties(
        @DefaultValue("1024") int maxSequences,
        @DefaultValue("10000") int maxSequenceSize) {}
