package dev.bookwise.command.calendar;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.equalTo;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Booking;
import dev.bookwise.calendar.BookingStatus;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.CompleteBookingCommand;
import dev.bookwise.commands.ConfirmBookingCommand;
import dev.bookwise.commands.DefineScheduleCommand;
import dev.bookwise.commands.MergeAvailabilityWindowCommand;
import dev.bookwise.commands.RegisterHostCommand;
import dev.bookwise.commands.RescheduleBookingCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.AvailabilityWindowMerged;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingCompleted;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostCalendarTest {

    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BOOKING = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");
    private static final Duration TTL = Duration.ofMinutes(10);
    // Monday 2024-03-11, host in New York: 09:00-17:00 EDT is 13:00-21:00Z
    private static final Instant NOW = Instant.parse("2024-03-11T08:00:00Z");
    private static final Instant NINE = Instant.parse("2024-03-11T13:00:00Z");
    private static final Instant NINE_THIRTY = Instant.parse("2024-03-11T13:30:00Z");
    private static final Instant TEN = Instant.parse("2024-03-11T14:00:00Z");
    private static final Schedule SCHEDULE = new Schedule(
            "America/New_York",
            30,
            0,
            15,
            120,
            60,
            Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "17:00"))),
            List.of());
    private static final String DEADLINE = "deadline-1";

    private AggregateTestFixture<HostCalendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HostCalendar.class);
        fixture.registerInjectableResource(new ReservationPolicy(TTL));
    }

    private static HostRegistered registered() {
        return new HostRegistered(HOST, "Ada", "ada@example.com", "America/New_York", "ab".repeat(32));
    }

    private static ScheduleDefined scheduled() {
        return new ScheduleDefined(HOST, SCHEDULE);
    }

    private static BookingReserved reserved(UUID booking, Instant start) {
        return new BookingReserved(
                booking, HOST, start, start.plus(Duration.ofMinutes(30)), 0, 15, BOB, NOW.plus(TTL), DEADLINE);
    }

    private ResultValidator<HostCalendar> whenAt(Instant now, Object command, Object... given) {
        return fixture.given(given).andGivenCurrentTime(now).when(command);
    }

    private static org.hamcrest.Matcher<Object> failsWith(ErrorCode code) {
        return predicate(e -> e instanceof BookwiseException rule && rule.code() == code);
    }

    @Test
    void aHostIsRegisteredInAKnownZone() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHostCommand(HOST, "Ada", "ada@example.com", "America/New_York", "ab".repeat(32)))
                .expectEvents(registered());
    }

    @Test
    void aHostInAnUnknownZoneIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHostCommand(HOST, "Ada", "ada@example.com", "Mars/Olympus", "ab".repeat(32)))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_TIME_ZONE));
    }

    @Test
    void aValidScheduleIsDefined() {
        fixture.given(registered())
                .when(new DefineScheduleCommand(HOST, SCHEDULE))
                .expectEvents(scheduled())
                .expectResultMessagePayload(SCHEDULE);
    }

    @Test
    void anInvalidScheduleIsRefused() {
        Schedule overlapping = new Schedule(
                "America/New_York",
                30,
                0,
                0,
                0,
                60,
                Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "12:00"), new TimeRange("11:00", "13:00"))),
                List.of());
        fixture.given(registered())
                .when(new DefineScheduleCommand(HOST, overlapping))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void aFreeOfferedSlotIsReservedWithTheScheduledBuffersAndAnExpiryDeadline() {
        whenAt(NOW, new ReserveBookingCommand(HOST, BOOKING, NINE, BOB), registered(), scheduled())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                predicate((BookingReserved e) -> e.bookingId().equals(BOOKING)
                                        && e.start().equals(NINE)
                                        && e.end().equals(NINE_THIRTY)
                                        && e.bufferAfterMinutes() == 15
                                        && e.expiresAt().equals(NOW.plus(TTL))
                                        && e.attendee().equals(BOB)
                                        && e.expiryDeadlineId() != null)),
                        andNoMore()))
                .expectScheduledDeadlineWithName(TTL, HostCalendar.RESERVATION_EXPIRY)
                .expectResultMessagePayloadMatching(predicate((Booking b) ->
                        b.status() == BookingStatus.RESERVED && b.expiresAt().equals(NOW.plus(TTL))));
    }

    @Test
    void aSlotWhoseBufferOverlapsALiveBookingIsUnavailable() {
        // the 09:00 booking holds 09:00-09:45 with its 15 minute buffer after
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, OTHER, NINE_THIRTY, BOB),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLOT_UNAVAILABLE));
    }

    @Test
    void aSlotWhoseOccupiedRangeOnlyTouchesAnotherIsFree() {
        Instant tenFifteen = Instant.parse("2024-03-11T14:15:00Z");
        Schedule quarterGrid = new Schedule(
                "America/New_York",
                15,
                0,
                15,
                0,
                60,
                Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "17:00"))),
                List.of());
        // 09:45-10:15 + 15 min buffer occupies until 10:30? no: 09:45-10:00 slot + 15 buffer = until 10:15
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, OTHER, tenFifteen, BOB),
                        registered(),
                        new ScheduleDefined(HOST, quarterGrid),
                        new BookingReserved(
                                BOOKING,
                                HOST,
                                Instant.parse("2024-03-11T13:45:00Z"),
                                TEN,
                                0,
                                15,
                                BOB,
                                NOW.plus(TTL),
                                DEADLINE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCancelledBookingFreesItsSlot() {
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, OTHER, NINE, BOB),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingCancelled(BOOKING, HOST, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anExpiredBookingFreesItsSlot() {
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, OTHER, NINE, BOB),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingExpired(BOOKING, HOST, NOW.plus(TTL)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void startsOutsideHoursInsideNoticeInThePastPastTheHorizonOrOffGridAreNotOffered() {
        for (Instant start : List.of(
                Instant.parse("2024-03-11T12:30:00Z"), // 08:30, before hours
                Instant.parse("2024-03-12T13:00:00Z"), // a Tuesday
                Instant.parse("2024-03-11T13:10:00Z"), // misaligned
                Instant.parse("2024-03-04T13:00:00Z"), // the past
                Instant.parse("2024-05-13T13:00:00Z"))) { // beyond 60 days
            setUp();
            whenAt(NOW, new ReserveBookingCommand(HOST, BOOKING, start, BOB), registered(), scheduled())
                    .expectNoEvents()
                    .expectException(failsWith(ErrorCode.SLOT_NOT_OFFERED));
        }
        setUp();
        // 2 h minimum notice: at 11:30 EDT... i.e. 11:30Z is 07:30 EDT, 09:00 is only 1.5 h away
        whenAt(
                        Instant.parse("2024-03-11T11:30:00Z"),
                        new ReserveBookingCommand(HOST, BOOKING, NINE, BOB),
                        registered(),
                        scheduled())
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLOT_NOT_OFFERED));
    }

    @Test
    void aReservationIsConfirmedAndItsDeadlineCancelled() {
        fixture.given(registered(), scheduled(), reserved(BOOKING, NINE))
                .andGivenCurrentTime(NOW)
                .when(new ConfirmBookingCommand(HOST, BOOKING, "see you"))
                .expectEvents(new BookingConfirmed(BOOKING, HOST, "see you"))
                .expectResultMessagePayloadMatching(
                        predicate((Booking b) -> b.status() == BookingStatus.CONFIRMED && b.expiresAt() == null));
    }

    @Test
    void aConfirmedBookingCannotBeConfirmedAgain() {
        fixture.given(registered(), scheduled(), reserved(BOOKING, NINE), new BookingConfirmed(BOOKING, HOST, null))
                .when(new ConfirmBookingCommand(HOST, BOOKING, null))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void reservedAndConfirmedBookingsCanBeCancelled() {
        fixture.given(registered(), scheduled(), reserved(BOOKING, NINE))
                .when(new CancelBookingCommand(HOST, BOOKING, "changed plans"))
                .expectEvents(new BookingCancelled(BOOKING, HOST, "changed plans"));
        setUp();
        fixture.given(registered(), scheduled(), reserved(BOOKING, NINE), new BookingConfirmed(BOOKING, HOST, null))
                .when(new CancelBookingCommand(HOST, BOOKING, null))
                .expectEvents(new BookingCancelled(BOOKING, HOST, null));
    }

    @Test
    void aCancelledBookingCannotChangeAgain() {
        fixture.given(registered(), scheduled(), reserved(BOOKING, NINE), new BookingCancelled(BOOKING, HOST, null))
                .when(new ConfirmBookingCommand(HOST, BOOKING, null))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void aConfirmedBookingCompletesOnlyOnceItHasEnded() {
        whenAt(
                        Instant.parse("2024-03-11T13:29:00Z"),
                        new CompleteBookingCommand(HOST, BOOKING, null),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingConfirmed(BOOKING, HOST, null))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
        setUp();
        whenAt(
                        NINE_THIRTY,
                        new CompleteBookingCommand(HOST, BOOKING, "done"),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingConfirmed(BOOKING, HOST, null))
                .expectEvents(new BookingCompleted(BOOKING, HOST, "done"));
    }

    @Test
    void aReservedBookingCannotBeCompleted() {
        whenAt(
                        Instant.parse("2024-03-11T14:00:00Z"),
                        new CompleteBookingCommand(HOST, BOOKING, null),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void anUnconfirmedReservationExpiresWhenItsDeadlinePasses() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(), scheduled())
                .andGivenCommands(new ReserveBookingCommand(HOST, BOOKING, NINE, BOB))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(HostCalendar.RESERVATION_EXPIRY)
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new BookingExpired(BOOKING, HOST, NOW.plus(TTL)))), andNoMore()));
    }

    @Test
    void aConfirmedReservationDoesNotExpire() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(), scheduled())
                .andGivenCommands(
                        new ReserveBookingCommand(HOST, BOOKING, NINE, BOB),
                        new ConfirmBookingCommand(HOST, BOOKING, null))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectNoScheduledDeadlines()
                .expectNoEvents();
    }

    @Test
    void aBookingIsRescheduledToAFreeSlotKeepingItsStatus() {
        whenAt(
                        NOW,
                        new RescheduleBookingCommand(HOST, BOOKING, TEN),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingConfirmed(BOOKING, HOST, null))
                .expectEvents(new BookingRescheduled(
                        BOOKING, HOST, NINE, NINE_THIRTY, TEN, TEN.plus(Duration.ofMinutes(30)), 0, 15))
                .expectResultMessagePayloadMatching(predicate((Booking b) ->
                        b.status() == BookingStatus.CONFIRMED && b.start().equals(TEN)));
    }

    @Test
    void aBookingMayBeRescheduledOverlappingItsOwnOldSlot() {
        // moving 09:00 to 09:30: the old range 09:00-09:45 no longer counts
        whenAt(
                        NOW,
                        new RescheduleBookingCommand(HOST, BOOKING, NINE_THIRTY),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRescheduleToATakenOrUnofferedSlotChangesNothing() {
        whenAt(
                        NOW,
                        new RescheduleBookingCommand(HOST, BOOKING, TEN),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        reserved(OTHER, TEN))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLOT_UNAVAILABLE));
        setUp();
        whenAt(
                        NOW,
                        new RescheduleBookingCommand(HOST, BOOKING, Instant.parse("2024-03-11T14:05:00Z")),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLOT_NOT_OFFERED));
    }

    @Test
    void aRescheduledBookingFreesItsOldSlot() {
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, OTHER, NINE, BOB),
                        registered(),
                        scheduled(),
                        reserved(BOOKING, NINE),
                        new BookingRescheduled(
                                BOOKING, HOST, NINE, NINE_THIRTY, TEN, TEN.plus(Duration.ofMinutes(30)), 0, 15))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void overlappingAndTouchingWindowsMergeIntoOne() {
        AvailabilityWindow first = new AvailabilityWindow(
                Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T12:00:00Z"), 30);
        AvailabilityWindow touching = new AvailabilityWindow(
                Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-01T13:00:00Z"), 30);
        AvailabilityWindow merged = new AvailabilityWindow(
                Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T13:00:00Z"), 30);
        fixture.given(registered(), new AvailabilityWindowMerged(HOST, first, first, List.of()))
                .when(new MergeAvailabilityWindowCommand(HOST, touching))
                .expectEvents(new AvailabilityWindowMerged(HOST, touching, merged, List.of(first)))
                .expectResultMessagePayload(merged);
    }

    @Test
    void aWindowWithAnotherSlotDurationIsRefused() {
        AvailabilityWindow first = new AvailabilityWindow(
                Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T12:00:00Z"), 30);
        fixture.given(registered(), new AvailabilityWindowMerged(HOST, first, first, List.of()))
                .when(new MergeAvailabilityWindowCommand(
                        HOST,
                        new AvailabilityWindow(
                                Instant.parse("2025-02-01T10:00:00Z"), Instant.parse("2025-02-01T12:00:00Z"), 45)))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLOT_DURATION_MISMATCH));
    }

    @Test
    void aReversedWindowIsRefused() {
        fixture.given(registered())
                .when(new MergeAvailabilityWindowCommand(
                        HOST,
                        new AvailabilityWindow(
                                Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-01T10:00:00Z"), 30)))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_WINDOW));
    }

    @Test
    void aSlotInAWindowIsBookableWithoutWeeklyHours() {
        AvailabilityWindow window = new AvailabilityWindow(
                Instant.parse("2024-03-12T10:00:00Z"), Instant.parse("2024-03-12T11:00:00Z"), 20);
        whenAt(
                        NOW,
                        new ReserveBookingCommand(HOST, BOOKING, Instant.parse("2024-03-12T10:20:00Z"), BOB),
                        registered(),
                        new AvailabilityWindowMerged(HOST, window, window, List.of()))
                .expectResultMessagePayloadMatching(
                        predicate((Booking b) -> b.end().equals(Instant.parse("2024-03-12T10:40:00Z"))));
    }

    @Test
    void bothOccurrencesOfARepeatedHourAreBookableOnAFallBackDay() {
        Schedule night = new Schedule(
                "America/New_York",
                30,
                0,
                0,
                0,
                60,
                Map.of(DayOfWeek.SUNDAY, List.of(new TimeRange("00:00", "03:00"))),
                List.of());
        Instant now = Instant.parse("2024-11-01T00:00:00Z");
        Instant firstOneThirty = Instant.parse("2024-11-03T05:30:00Z");
        Instant secondOneThirty = Instant.parse("2024-11-03T06:30:00Z");
        whenAt(
                        now,
                        new ReserveBookingCommand(HOST, OTHER, secondOneThirty, BOB),
                        registered(),
                        new ScheduleDefined(HOST, night),
                        new BookingReserved(
                                BOOKING,
                                HOST,
                                firstOneThirty,
                                firstOneThirty.plusSeconds(1800),
                                0,
                                0,
                                BOB,
                                now.plus(TTL),
                                DEADLINE))
                .expectSuccessfulHandlerExecution();
    }
}
