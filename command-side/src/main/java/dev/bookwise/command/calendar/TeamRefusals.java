package dev.bookwise.command.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.Answers;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Metadata;
import dev.bookwise.command.execution.KnownRefusal;
import dev.bookwise.commands.ReserveTeamBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Team reservations refused lately, by team, event type and start, with the version of every
 * stream each refusal was decided on (the team's and its members' calendars).
 * <p>
 * A burst of requests for one start of a round-robin team (an invitation sent to a mailing list)
 * has k winners, one per free member, and every request after them is refused. Each refusal
 * decided under the team's and the members' locks costs the team's turn; with this, the first one
 * is, and every other request for that start is answered by the executor with one statement that
 * finds the streams unchanged ({@link KnownRefusal}), without the locks and side by side.
 * <p>
 * Only refusals that depend on nothing but the calendars are kept: a taken slot, a reached limit, a
 * start the schedules do not offer, each of a start that was within the type's notice and horizon
 * when it was refused (a start beyond the horizon is refused as not offered too, and comes within it
 * as time passes). Time moves only the notice and horizon, and those are checked again for each
 * request, as are its answers, its metadata and whether it may book without a key; a request that
 * fails any of them takes the full path, which gives it its own answer.
 */
public final class TeamRefusals {

    private static final Set<ErrorCode> LASTING =
            EnumSet.of(ErrorCode.SLOT_UNAVAILABLE, ErrorCode.BOOKING_LIMIT_REACHED, ErrorCode.SLOT_NOT_OFFERED);

    private record Key(UUID teamId, UUID eventTypeId, Instant start) {}

    private record Entry(EventType type, boolean open, BookwiseException refusal, Map<String, Long> versions) {}

    private final Cache<Key, Entry> entries;

    private TeamRefusals(int size, Duration keep) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(1, size))
                .expireAfterWrite(keep)
                .build();
    }

    /** At most {@code size} refusals, each kept for {@code keep} at most. */
    public static TeamRefusals of(int size, Duration keep) {
        return new TeamRefusals(size, keep);
    }

    /**
     * The refusal known for this request, if any, and if the request is one the command would refuse
     * the same way (its answers, metadata, notice and horizon pass, and it may book the type).
     */
    public Optional<KnownRefusal> known(ReserveTeamBookingCommand command) {
        Entry entry = entries.getIfPresent(new Key(command.teamId(), command.eventTypeId(), command.start()));
        if (entry == null || (command.anonymous() && !entry.open())) {
            return Optional.empty();
        }
        try {
            Answers.check(entry.type().questions(), command.answers());
            Metadata.check(command.metadata());
            entry.type().leadTime().check(command.start(), TeamBookings.now());
        } catch (BookwiseException e) {
            return Optional.empty();
        }
        return Optional.of(new KnownRefusal(entry.refusal(), entry.versions()));
    }

    /**
     * Whether the start passed the type's notice and horizon when it was refused: a start beyond the
     * horizon is refused as {@code slot-not-offered} too, and comes within it as time passes.
     */
    private static boolean withinLeadTime(EventType type, Instant start, Instant now) {
        try {
            type.leadTime().check(start, now);
            return true;
        } catch (BookwiseException outside) {
            return false;
        }
    }

    /** Under the locks: the command was taken; what was refused at its start before holds no longer. */
    void forget(ReserveTeamBookingCommand command) {
        entries.invalidate(new Key(command.teamId(), command.eventTypeId(), command.start()));
    }

    /**
     * Under the team's and the members' locks: the command was refused with {@code answer} at {@code
     * now}, after {@code refusals} from the members' calendars, with the team's and the calendars'
     * streams at {@code versions} (last sequence number by aggregate id). Kept only if every one lasts.
     */
    void remember(
            ReserveTeamBookingCommand command,
            TeamEventType teamType,
            Map<String, Long> versions,
            Collection<BookwiseException> refusals,
            BookwiseException answer,
            Instant now) {
        Key key = new Key(command.teamId(), command.eventTypeId(), command.start());
        if (refusals.isEmpty()
                || !refusals.stream().allMatch(refusal -> LASTING.contains(refusal.code()))
                || !withinLeadTime(teamType.eventType(), command.start(), now)) {
            entries.invalidate(key);
            return;
        }
        EventType type = teamType.eventType();
        entries.put(key, new Entry(type, type.isPublic(), answer, versions));
    }
}
