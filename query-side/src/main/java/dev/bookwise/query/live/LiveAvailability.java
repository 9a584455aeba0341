package dev.bookwise.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.query.availability.AvailabilityReads;
import dev.bookwise.query.team.TeamRepository;
import dev.bookwise.query.web.Freshness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Live availability: who listens to which query, and one follower of the event store that tells
 * them when their slots change.
 * <p>
 * The follower reads the store as the projections do, in batches of whatever has arrived. For a
 * batch that touches a host or team someone listens to, it waits until every projection has
 * applied the batch ({@link Freshness}, which reads the shared token store), then recomputes each
 * touched query once, with the code {@code GET /api/availability} runs, and offers the answer to
 * its subscriptions, which send it only when it differs from what they last sent. Changes that
 * arrive while it waits or recomputes make up its next batch: a burst of bookings costs a few
 * recomputations, and subscribers nothing changed for cost nothing. Each query-side instance runs
 * its own follower from the store's head (it keeps no token: a tracking processor's token would
 * share the store's events out among the instances, and each needs all of them for its own
 * subscribers).
 */
@Component
class LiveAvailability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveAvailability.class);
    /** Events taken as one batch at most, so that a catch-up still publishes as it goes. */
    private static final int MAX_BATCH = 5_000;

    private final AvailabilityReads reads;
    private final TeamRepository teams;
    private final Freshness freshness;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ExecutorService recomputers;
    private final Counter recomputations;
    private final LiveStages stages;
    private final AtomicInteger subscriptions = new AtomicInteger();

    /** Guards {@link #topics}, {@link #byScope} and every topic's members. */
    private final Object registry = new Object();

    private final Map<AvailabilityReads.Params, Topic> topics = new HashMap<>();
    private final Map<UUID, Set<Topic>> byScope = new HashMap<>();
    /** The highest position the follower has read. */
    private volatile long seen = -1;
    /** The position its last recomputation reflected (the follower's thread only). */
    private long published = -1;

    private volatile boolean running;
    private Thread follower;

    LiveAvailability(
            AvailabilityReads reads,
            TeamRepository teams,
            Freshness freshness,
            EventStore eventStore,
            JdbcTemplate jdbc,
            ObjectMapper json,
            LiveProperties properties,
            LiveStages stages,
            MeterRegistry meters) {
        this.stages = stages;
        this.reads = reads;
        this.teams = teams;
        this.freshness = freshness;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.json = json;
        this.recomputers =
                Executors.newFixedThreadPool(properties.recomputeThreads(), LiveConnections.daemon("live-recompute-"));
        this.recomputations = Counter.builder("bookwise.live.recomputations")
                .description("Live availability queries recomputed after a change")
                .register(meters);
        Gauge.builder("bookwise.live.subscriptions", subscriptions, AtomicInteger::get)
                .description("Live availability subscriptions (a socket may hold several)")
                .register(meters);
    }

    /**
     * Subscribes to a query and sends it its current list at once.
     *
     * @throws BookwiseException the problem {@code GET /api/availability} answers for these parameters
     */
    Subscription subscribe(AvailabilityReads.Params params, Subscription.Delivery delivery) {
        UUID team = uuid(params.teamId());
        UUID host = team == null ? uuid(params.hostId()) : null;
        if (host == null && team == null) {
            // fails validation as the GET does (no id, or a malformed one)
            answer(params);
        }
        Subscription subscription;
        synchronized (registry) {
            Topic topic = topics.computeIfAbsent(params, p -> index(new Topic(p, host, team)));
            subscription = new Subscription(topic, delivery);
            topic.subscriptions.add(subscription);
        }
        subscriptions.incrementAndGet();
        try {
            // registered before anything is read: every change the follower reads from now on finds this
            // topic; every change it read before is applied once the projections reach what it has seen
            long read = seen;
            long position = caughtUp(read);
            if (team != null) {
                members(subscription.topic);
                long later = seen;
                if (later > read) {
                    position = caughtUp(later);
                }
            }
            subscription.offer(subscription.topic.share(answer(params)), position, null);
            return subscription;
        } catch (RuntimeException e) {
            unsubscribe(subscription);
            throw e;
        }
    }

    /** Forgets a subscription (again: nothing). */
    void unsubscribe(Subscription subscription) {
        Topic topic = subscription.topic;
        synchronized (registry) {
            if (!topic.subscriptions.remove(subscription)) {
                return;
            }
            if (topic.subscriptions.isEmpty() && topics.remove(topic.params, topic)) {
                unindex(topic.scope(), topic);
                topic.members.forEach(member -> unindex(member, topic));
            }
        }
        subscriptions.decrementAndGet();
    }

    /** The current answer: what {@code GET /api/availability} answers now. */
    Answer answer(AvailabilityReads.Params params) {
        try {
            return new Answer(json.writeValueAsString(reads.read(params)), json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an availability answer could not be written as JSON", e);
        }
    }

    /** Waits until the projections have applied {@code position}; the position the read model then reflects at least. */
    private long caughtUp(long position) {
        if (position >= 0 && freshness.awaitPosition(position) != Freshness.Wait.REACHED) {
            return freshness.appliedPosition();
        }
        // the projections may be further on than this follower has read
        return Math.max(position, freshness.appliedPosition());
    }

    private Topic index(Topic topic) {
        if (topic.scope() != null) {
            byScope.computeIfAbsent(topic.scope(), s -> new HashSet<>()).add(topic);
        }
        return topic;
    }

    private void unindex(UUID scope, Topic topic) {
        if (scope == null) {
            return;
        }
        Set<Topic> indexed = byScope.get(scope);
        if (indexed != null && indexed.remove(topic) && indexed.isEmpty()) {
            byScope.remove(scope);
        }
    }

    /** Reads a team topic's members again and indexes it under each: their own changes alter the team's slots. */
    private void members(Topic topic) {
        Set<UUID> members = new HashSet<>();
        teams.members(topic.team)
                .ifPresent(list -> list.stream().map(TeamMember::hostId).forEach(members::add));
        synchronized (registry) {
            if (topics.get(topic.params) != topic) {
                return;
            }
            topic.members.forEach(member -> unindex(member, topic));
            topic.members = Set.copyOf(members);
            members.forEach(member ->
                    byScope.computeIfAbsent(member, m -> new HashSet<>()).add(topic));
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // --- the follower ---

    private void follow() {
        TrackingToken token = null;
        while (running) {
            if (token == null) {
                token = eventStore.createHeadToken();
                seen = Math.max(seen, token == null ? -1 : token.position().orElse(-1));
            }
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
                while (running) {
                    if (!stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    Changes changes = new Changes();
                    List<Long> noted = new ArrayList<>();
                    int read = 0;
                    while (read < MAX_BATCH && stream.hasNextAvailable()) {
                        TrackedEventMessage<?> message = stream.nextAvailable();
                        TrackingToken before = token;
                        token = message.trackingToken();
                        read++;
                        long position = token.position().orElse(-1);
                        if (note(changes, message)) {
                            noted.addAll(positionsOf(before, token));
                        }
                        if (position > seen) {
                            seen = position;
                        }
                    }
                    publish(changes, seen, noted);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("live availability lost the event stream; reopening in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Where an event is in the store, from the tokens before and after it. A token's position is the
     * highest it has read: an event that fills a gap (committed after a later one) leaves it as it was
     * and takes the gap out, so its position is the gap that went (with any the token gave up on at the
     * same time, which the projections have passed as well).
     */
    static List<Long> positionsOf(TrackingToken before, TrackingToken after) {
        if (before instanceof GapAwareTrackingToken earlier
                && after instanceof GapAwareTrackingToken later
                && later.getIndex() == earlier.getIndex()) {
            List<Long> filled = new ArrayList<>(earlier.getGaps());
            filled.removeAll(later.getGaps());
            if (!filled.isEmpty()) {
                return filled;
            }
        }
        return List.of(after.position().orElse(-1));
    }

    /** Notes what an event touches; whether it may alter availability. */
    private static boolean note(Changes changes, TrackedEventMessage<?> message) {
        if (!Changes.RELEVANT.contains(message.getPayloadType())) {
            return false;
        }
        try {
            changes.add(message.getPayload(), message.getTimestamp());
            return true;
        } catch (RuntimeException e) {
            log.debug("live availability skips an event it cannot read: {}", e.toString());
            return false;
        }
    }

    /**
     * Recomputes, once the projections hold them, every query the batch touched: the projections must
     * have passed {@code position} and applied each event the batch noted ({@code noted}).
     */
    private void publish(Changes changes, long position, List<Long> noted) throws InterruptedException {
        if (changes.isEmpty()) {
            return;
        }
        synchronized (registry) {
            if (topics.isEmpty()) {
                return;
            }
        }
        collectiveMembers(changes);
        Map<Topic, Instant> touched = new HashMap<>();
        synchronized (registry) {
            changes.touched().forEach((scope, at) -> {
                for (Topic topic : byScope.getOrDefault(scope, Set.of())) {
                    touched.merge(topic, at, (a, b) -> a.isBefore(b) ? a : b);
                }
            });
        }
        if (touched.isEmpty()) {
            return;
        }
        touched.values().stream().min(Instant::compareTo).ifPresent(stages::read);
        long waitStart = System.nanoTime();
        awaitProjections(position, noted);
        stages.projections(System.nanoTime() - waitStart);
        // the projections may be past the batch by now: the lists reflect at least what they had applied
        // before the recomputation reads them; never less than an earlier batch's id
        long reflected = Math.max(Math.max(position, freshness.appliedPosition()), published);
        published = reflected;
        List<Callable<Void>> work = new ArrayList<>(touched.size());
        touched.forEach((topic, at) -> work.add(() -> {
            recompute(topic, changes.teams().contains(topic.team), reflected, at);
            return null;
        }));
        recomputers.invokeAll(work);
    }

    /**
     * Adds every member of the collective bookings among the batch's later booking events: one query
     * per batch, and only for bookings whose events were not reservations (those carry their members).
     */
    private void collectiveMembers(Changes changes) {
        Map<UUID, Instant> bookings = changes.laterBookingEvents();
        if (bookings.isEmpty()) {
            return;
        }
        jdbc.query(
                "SELECT booking_id, host_ids FROM booking_view WHERE booking_id = ANY (?::uuid[]) AND host_ids IS NOT NULL",
                rs -> {
                    Instant at = bookings.get(rs.getObject(1, UUID.class));
                    Array members = rs.getArray(2);
                    for (Object member : (Object[]) members.getArray()) {
                        changes.touch((UUID) member, at);
                    }
                },
                (Object) bookings.keySet().stream().map(UUID::toString).toArray(String[]::new));
    }

    /**
     * Waits until the projections have passed {@code position} and applied every noted event. A token past
     * the batch's highest position may still lack a lower one: an event committed after a later one is a
     * gap in the tokens that passed it, applied when the store's reader finds it, and that is how the
     * follower reads it too (then in a batch whose highest position the projections may have long passed).
     */
    private void awaitProjections(long position, List<Long> noted) {
        awaitProjections(position);
        for (long event : noted) {
            if (event != position) {
                awaitProjections(event);
            }
        }
    }

    private void awaitProjections(long position) {
        while (running) {
            Freshness.Wait wait = freshness.awaitPosition(position);
            if (wait != Freshness.Wait.TIMED_OUT) {
                return;
            }
            log.warn("live availability waits for the projections to reach position {}", position);
        }
    }

    private void recompute(Topic topic, boolean teamChanged, long position, Instant changedAt) {
        if (teamChanged) {
            members(topic);
        }
        Answer answer;
        long start = System.nanoTime();
        try {
            answer = answer(topic.params);
            stages.recompute(System.nanoTime() - start);
        } catch (BookwiseException e) {
            log.debug("live availability query {} now fails: {}", topic.params, e.detail());
            return;
        } catch (RuntimeException e) {
            log.warn("live availability could not recompute {}: {}", topic.params, e.toString());
            return;
        }
        recomputations.increment();
        answer = topic.share(answer);
        for (Subscription subscription : topic.subscriptions) {
            subscription.offer(answer, position, changedAt);
        }
    }

    @Override
    public void start() {
        running = true;
        follower = new Thread(this::follow, "live-availability-follower");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        if (follower != null) {
            follower.interrupt();
        }
        recomputers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
