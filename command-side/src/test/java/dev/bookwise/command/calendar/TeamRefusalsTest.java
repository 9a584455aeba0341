package dev.bookwise.command.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Question;
import dev.bookwise.calendar.types.QuestionType;
import dev.bookwise.command.execution.KnownRefusal;
import dev.bookwise.commands.ReserveTeamBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which refusals are kept, and for which later requests they are answered again. */
class TeamRefusalsTest {

    private static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID TYPE = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final Map<String, Long> VERSIONS = Map.of(TEAM.toString(), 3L, ADA.toString(), 7L);

    private final TeamRefusals refusals = TeamRefusals.of(100, Duration.ofMinutes(10));

    /** Round robin, 30-minute slots, 60 minutes' notice, 30 days' horizon, one required question. */
    private static TeamEventType type(boolean isPublic) {
        return new TeamEventType(
                new EventType(
                        TYPE,
                        "demo",
                        "Demo",
                        30,
                        null,
                        null,
                        null,
                        null,
                        60,
                        30,
                        null,
                        null,
                        List.of(new Question("topic", "Topic", QuestionType.TEXT, true, null)),
                        null,
                        null,
                        isPublic),
                Assignment.ROUND_ROBIN,
                null);
    }

    private static ReserveTeamBookingCommand request(Instant start, boolean anonymous, Map<String, Object> answers) {
        return new ReserveTeamBookingCommand(
                TEAM,
                UUID.randomUUID(),
                TYPE,
                start,
                new Attendee("Bob", "bob@example.com", null),
                answers,
                null,
                "0".repeat(64),
                anonymous);
    }

    private static BookwiseException taken(Instant start) {
        return new BookwiseException(ErrorCode.SLOT_UNAVAILABLE, "the slot at " + start + " is already booked");
    }

    private static Instant inTwoDays() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.DAYS);
    }

    @Test
    void aTakenSlotIsAnsweredAgainWithTheVersionsItWasDecidedOn() {
        Instant start = inTwoDays();
        ReserveTeamBookingCommand first = request(start, false, Map.of("topic", "pricing"));
        refusals.remember(first, type(false), VERSIONS, List.of(taken(start)), taken(start), Instant.now());

        Optional<KnownRefusal> known = refusals.known(request(start, false, Map.of("topic", "other")));
        assertThat(known).isPresent();
        assertThat(known.get().refusal().code()).isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
        assertThat(known.get().versions()).isEqualTo(VERSIONS);
        // another start, or the start once taken by the team, knows nothing
        assertThat(refusals.known(request(start.plus(30, ChronoUnit.MINUTES), false, Map.of("topic", "x"))))
                .isEmpty();
        refusals.forget(first);
        assertThat(refusals.known(first)).isEmpty();
    }

    @Test
    void aRequestTheCommandWouldRefuseForAnotherReasonTakesTheFullPath() {
        Instant start = inTwoDays();
        refusals.remember(
                request(start, false, Map.of("topic", "pricing")),
                type(false),
                VERSIONS,
                List.of(taken(start)),
                taken(start),
                Instant.now());
        // no key for a type that is not public: 401 on the full path, not 409
        assertThat(refusals.known(request(start, true, Map.of("topic", "x")))).isEmpty();
        // a required answer missing: 400 on the full path
        assertThat(refusals.known(request(start, false, Map.of()))).isEmpty();
    }

    @Test
    void onlyRefusalsThatTimeCannotEndAreKept() {
        Instant start = inTwoDays();
        BookwiseException tooSoon = new BookwiseException(ErrorCode.SLOT_NOT_OFFERED, "within the notice");
        BookwiseException limit = new BookwiseException(ErrorCode.BOOKING_LIMIT_REACHED, "limit");
        BookwiseException other = new BookwiseException(ErrorCode.INVALID_REQUEST, "other");
        ReserveTeamBookingCommand command = request(start, false, Map.of("topic", "x"));

        refusals.remember(command, type(false), VERSIONS, List.of(limit, other), limit, Instant.now());
        assertThat(refusals.known(command)).isEmpty();
        refusals.remember(command, type(false), VERSIONS, List.of(limit, taken(start)), limit, Instant.now());
        assertThat(refusals.known(command)).isPresent();
        // a start within the type's notice when it was refused (known() would refuse it again anyway)
        ReserveTeamBookingCommand soon = request(
                Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(10, ChronoUnit.MINUTES),
                false,
                Map.of("topic", "x"));
        refusals.remember(soon, type(false), VERSIONS, List.of(tooSoon), tooSoon, Instant.now());
        assertThat(refusals.known(soon)).isEmpty();
    }

    @Test
    void aStartBeyondTheHorizonWhenRefusedIsNotKeptForWhenItComesWithinIt() {
        // refused five minutes ago, when the start was 2 minutes beyond the 30 days' horizon; within it now
        Instant decided = Instant.now().minus(5, ChronoUnit.MINUTES);
        Instant start = decided.plus(30, ChronoUnit.DAYS).plus(2, ChronoUnit.MINUTES);
        BookwiseException beyond = new BookwiseException(ErrorCode.SLOT_NOT_OFFERED, "beyond the horizon");
        ReserveTeamBookingCommand command = request(start, false, Map.of("topic", "x"));
        refusals.remember(command, type(false), VERSIONS, List.of(beyond), beyond, decided);

        assertThat(refusals.known(command)).isEmpty();
    }
}
