package dev.bookwise.command.calendar;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.commands.ConnectBusySourceCommand;
import dev.bookwise.commands.RemoveBusySourceCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.commands.SyncBusyTimesCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.BusySourceConnected;
import dev.bookwise.events.BusySourceRemoved;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Busy times from the host's own calendars: taken time in the calendar, changed only by what a sync finds. */
class ExternalBusyTimesTest {

    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID SOURCE = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");
    private static final Instant NOW = Instant.parse("2024-03-11T06:00:00Z");
    private static final Instant NINE = Instant.parse("2024-03-11T09:00:00Z");
    private static final BusyInterval NINE_TO_TEN = new BusyInterval(NINE, Instant.parse("2024-03-11T10:00:00Z"));
    private static final BusyInterval ELEVEN_TO_NOON =
            new BusyInterval(Instant.parse("2024-03-11T11:00:00Z"), Instant.parse("2024-03-11T12:00:00Z"));
    private static final Schedule HOURS = new Schedule(
            "UTC", 30, 0, 0, 0, 60, Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "17:00"))), List.of());

    private AggregateTestFixture<HostCalendar> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(HostCalendar.class);
        fixture.registerInjectableResource(new ReservationPolicy(Duration.ofMinutes(10)));
    }

    private static Object[] connected() {
        return new Object[] {
            new HostRegistered(HOST, "Ada", "ada@example.com", "UTC", "ab".repeat(32)),
            new ScheduleDefined(HOST, HOURS),
            new BusySourceConnected(HOST, SOURCE, "ics", "calendar.example.com")
        };
    }

    private static Object[] with(Object... more) {
        Object[] base = connected();
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static Matcher<?> code(String code) {
        return Matchers.predicate(
                e -> e instanceof BookwiseException b && b.code().code().equals(code));
    }

    private static ReserveBookingCommand book(Instant start) {
        return new ReserveBookingCommand(HOST, UUID.randomUUID(), start, BOB);
    }

    @Test
    void aSyncRecordsWhatIsNowBusy() {
        fixture.givenCurrentTime(NOW)
                .andGiven(connected())
                .when(new SyncBusyTimesCommand(HOST, SOURCE, List.of(ELEVEN_TO_NOON, NINE_TO_TEN)))
                .expectEvents(
                        new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN, ELEVEN_TO_NOON), List.of()))
                .expectResultMessagePayload(2);
    }

    @Test
    void theSameBusyTimesAppendNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN), List.of())))
                .when(new SyncBusyTimesCommand(HOST, SOURCE, List.of(NINE_TO_TEN)))
                .expectNoEvents();
    }

    @Test
    void aSyncRecordsWhatIsNoLongerBusy() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(
                        new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN, ELEVEN_TO_NOON), List.of())))
                .when(new SyncBusyTimesCommand(HOST, SOURCE, List.of(ELEVEN_TO_NOON)))
                .expectEvents(new ExternalBusyTimesSynced(HOST, SOURCE, List.of(), List.of(NINE_TO_TEN)));
    }

    @Test
    void aBookingOverlappingABusyTimeIsRefused() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN), List.of())))
                .when(book(NINE.plus(Duration.ofMinutes(30))))
                .expectNoEvents()
                .expectException(code("slot-unavailable"));
    }

    @Test
    void aSlotThatIsNoLongerBusyIsBookedAgain() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(
                        new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN), List.of()),
                        new ExternalBusyTimesSynced(HOST, SOURCE, List.of(), List.of(NINE_TO_TEN))))
                .when(book(NINE))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(p -> p instanceof BookingReserved), Matchers.andNoMore())));
    }

    @Test
    void aRemovedSourceNoLongerBlocksItsTimes() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(
                        new ExternalBusyTimesSynced(HOST, SOURCE, List.of(NINE_TO_TEN), List.of()),
                        new BusySourceRemoved(HOST, SOURCE)))
                .when(book(NINE))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(p -> p instanceof BookingReserved), Matchers.andNoMore())));
    }

    @Test
    void aRemovedSourceIsNotSyncedAgain() {
        fixture.givenCurrentTime(NOW)
                .andGiven(with(new BusySourceRemoved(HOST, SOURCE)))
                .when(new SyncBusyTimesCommand(HOST, SOURCE, List.of(NINE_TO_TEN)))
                .expectNoEvents()
                .expectException(code("not-found"));
    }

    @Test
    void removingASourceIsRecorded() {
        fixture.givenCurrentTime(NOW)
                .andGiven(connected())
                .when(new RemoveBusySourceCommand(HOST, SOURCE))
                .expectEvents(new BusySourceRemoved(HOST, SOURCE));
    }

    @Test
    void connectingASourceTwiceConnectsItOnce() {
        fixture.givenCurrentTime(NOW)
                .andGiven(connected())
                .when(new ConnectBusySourceCommand(HOST, SOURCE, "ics", "calendar.example.com"))
                .expectNoEvents();
    }
}
