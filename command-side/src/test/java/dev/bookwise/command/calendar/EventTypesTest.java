package dev.bookwise.command.calendar;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Question;
import dev.bookwise.calendar.types.QuestionType;
import dev.bookwise.commands.ArchiveEventTypeCommand;
import dev.bookwise.commands.CancelBookingCommand;
import dev.bookwise.commands.DefineEventTypeCommand;
import dev.bookwise.commands.DefineScheduleCommand;
import dev.bookwise.commands.MarkNoShowCommand;
import dev.bookwise.commands.ReserveBookingCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingMarkedNoShow;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.EventTypeArchived;
import dev.bookwise.events.EventTypeDefined;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.ScheduleDefined;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.Test;

/**
 * The rules of event types, decided in the host's calendar: several kinds of meeting share one
 * calendar (with each booking's buffers), seats, limits, questions, archiving, no-shows, the
 * attendee's notices and public types.
 */
class EventTypesTest {

    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final Attendee BOB = new Attendee("Bob", "bob@example.com", "Europe/Paris");
    private static final Duration TTL = Duration.ofMinutes(10);
    // Monday 2024-03-11 in UTC; the host's hours are 09:00-17:00
    private static final Instant NOW = Instant.parse("2024-03-11T06:00:00Z");
    private static final Instant NINE = Instant.parse("2024-03-11T09:00:00Z");
    private static final Instant TEN = Instant.parse("2024-03-11T10:00:00Z");
    private static final Schedule HOURS = new Schedule(
            "UTC",
            30,
            0,
            15,
            0,
            60,
            Map.of(
                    DayOfWeek.MONDAY,
                    List.of(new TimeRange("09:00", "17:00")),
                    DayOfWeek.TUESDAY,
                    List.of(new TimeRange("09:00", "17:00"))),
            List.of());
    private static final UUID INTRO = UUID.fromString("00000000-0000-0000-0000-00000000e001");
    private static final UUID CLASS = UUID.fromString("00000000-0000-0000-0000-00000000e002");

    /** A fixture per scenario: its deadline manager keeps what the last one scheduled. */
    private static AggregateTestFixture<HostCalendar> fixture() {
        AggregateTestFixture<HostCalendar> fixture = new AggregateTestFixture<>(HostCalendar.class);
        fixture.registerInjectableResource(new ReservationPolicy(TTL));
        return fixture;
    }

    private static HostRegistered registered() {
        return new HostRegistered(HOST, "Ada", "ada@example.com", "UTC", "ab".repeat(32));
    }

    private static ScheduleDefined scheduled() {
        return new ScheduleDefined(HOST, HOURS);
    }

    /** A 15-minute intro every 15 minutes on the default hours, no buffers. */
    private static EventType intro() {
        return type(INTRO, "intro", 15, 15, 1, null, List.of(), false, 0);
    }

    private static EventType type(
            UUID id,
            String slug,
            int duration,
            int interval,
            int seats,
            BookingLimits limits,
            List<Question> questions,
            boolean isPublic,
            int cancelNotice) {
        return new EventType(
                id,
                slug,
                slug,
                duration,
                interval,
                null,
                0,
                0,
                0,
                60,
                seats,
                limits,
                questions,
                cancelNotice,
                0,
                isPublic);
    }

    private static EventTypeDefined defined(EventType type) {
        return new EventTypeDefined(HOST, type);
    }

    private static ReserveBookingCommand book(UUID booking, UUID type, Instant start) {
        return new ReserveBookingCommand(HOST, booking, start, BOB, type, Map.of(), Map.of(), "cd".repeat(32), false);
    }

    private static BookingReserved reserved(UUID booking, UUID type, Instant start, int minutes, int after) {
        return new BookingReserved(
                booking,
                HOST,
                start,
                start.plus(Duration.ofMinutes(minutes)),
                0,
                after,
                BOB,
                NOW.plus(TTL),
                "deadline",
                type,
                Map.of(),
                Map.of(),
                "cd".repeat(32));
    }

    /** Given events stamped at {@code now} (as they would have been, shortly before), then the command. */
    private ResultValidator<HostCalendar> whenAt(Instant now, Object command, Object... given) {
        return fixture().givenCurrentTime(now).andGiven(given).when(command);
    }

    private static org.hamcrest.Matcher<Object> failsWith(ErrorCode code) {
        return predicate(e -> e instanceof BookwiseException rule && rule.code() == code);
    }

    private static org.hamcrest.Matcher<List<EventMessage<?>>> one(java.util.function.Predicate<Object> payload) {
        return exactSequenceOf(predicate(m -> payload.test(((EventMessage<?>) m).getPayload())));
    }

    @Test
    void anEventTypeIsDefinedWithADistinctSlugAndAKnownSchedule() {
        fixture()
                .given(registered(), scheduled())
                .when(new DefineEventTypeCommand(HOST, intro(), true))
                .expectEvents(defined(intro()));
        fixture()
                .given(registered(), scheduled(), defined(intro()))
                .when(new DefineEventTypeCommand(
                        HOST, type(CLASS, "intro", 30, 30, 1, null, List.of(), false, 0), true))
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.SLUG_TAKEN));
        fixture()
                .given(registered(), scheduled())
                .when(new DefineEventTypeCommand(
                        HOST, type(CLASS, "default", 30, 30, 1, null, List.of(), false, 0), true))
                .expectException(failsWith(ErrorCode.SLUG_TAKEN));
        EventType elsewhere = new EventType(
                CLASS, "class", "Class", 30, 30, UUID.randomUUID(), 0, 0, 0, 60, 1, null, null, 0, 0, false);
        fixture()
                .given(registered(), scheduled())
                .when(new DefineEventTypeCommand(HOST, elsewhere, true))
                .expectException(failsWith(ErrorCode.INVALID_EVENT_TYPE));
        fixture()
                .given(registered(), scheduled())
                .when(new DefineEventTypeCommand(HOST, intro(), false))
                .expectException(failsWith(ErrorCode.EVENT_TYPE_NOT_FOUND));
        fixture()
                .given(registered(), scheduled())
                .when(new DefineEventTypeCommand(HOST, type(INTRO, "intro", 0, 15, 1, null, List.of(), false, 0), true))
                .expectException(failsWith(ErrorCode.INVALID_EVENT_TYPE));
    }

    @Test
    void aTypeOnANamedScheduleUsesThatSchedulesHours() {
        UUID evenings = UUID.randomUUID();
        Schedule evening = new Schedule(
                "UTC", 30, 0, 0, 0, 60, Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("18:00", "20:00"))), List.of());
        EventType late =
                new EventType(CLASS, "late", "Late", 60, 60, evenings, 0, 0, 0, 60, 1, null, null, 0, 0, false);
        Object[] given = {
            registered(), scheduled(), new ScheduleDefined(HOST, evening, evenings, "Evenings"), defined(late)
        };
        whenAt(NOW, book(UUID.randomUUID(), CLASS, NINE), given).expectException(failsWith(ErrorCode.SLOT_NOT_OFFERED));
        whenAt(NOW, book(UUID.randomUUID(), CLASS, Instant.parse("2024-03-11T18:00:00Z")), given)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aBookingOfATypeLastsItsDurationOnItsIntervalAndCarriesItsType() {
        UUID booking = UUID.randomUUID();
        EventType hour = type(CLASS, "hour", 60, 15, 1, null, List.of(), false, 0);
        whenAt(NOW, book(booking, CLASS, NINE.plus(Duration.ofMinutes(15))), registered(), scheduled(), defined(hour))
                .expectEventsMatching(one(e -> e instanceof BookingReserved r
                        && r.eventTypeId().equals(CLASS)
                        && r.end().equals(NINE.plus(Duration.ofMinutes(75)))
                        && r.manageTokenSha256().equals("cd".repeat(32))));
        whenAt(NOW, book(booking, CLASS, NINE.plus(Duration.ofMinutes(10))), registered(), scheduled(), defined(hour))
                .expectException(failsWith(ErrorCode.SLOT_NOT_OFFERED));
        whenAt(NOW, book(booking, UUID.randomUUID(), NINE), registered(), scheduled(), defined(hour))
                .expectException(failsWith(ErrorCode.EVENT_TYPE_NOT_FOUND));
    }

    @Test
    void oneHostOneCalendarAcrossTypesWithEachBookingsBuffers() {
        UUID first = UUID.randomUUID();
        // a default booking 10:00-10:30 keeps 15 minutes after it (the default schedule's buffer)
        BookingReserved defaultBooking = reserved(first, null, TEN, 30, 15);
        Object[] given = {registered(), scheduled(), defined(intro()), defaultBooking};
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN.plus(Duration.ofMinutes(30))), given)
                .expectException(failsWith(ErrorCode.SLOT_UNAVAILABLE));
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN.minus(Duration.ofMinutes(15))), given)
                .expectSuccessfulHandlerExecution();
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN.plus(Duration.ofMinutes(45))), given)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aSeatedSlotTakesItsSeatsAndNoMore() {
        EventType seated = type(CLASS, "class", 60, 60, 2, null, List.of(), false, 0);
        Object[] two = {
            registered(),
            scheduled(),
            defined(seated),
            reserved(UUID.randomUUID(), CLASS, TEN, 60, 0),
            reserved(UUID.randomUUID(), CLASS, TEN, 60, 0)
        };
        whenAt(NOW, book(UUID.randomUUID(), CLASS, TEN), two).expectException(failsWith(ErrorCode.SLOT_UNAVAILABLE));
        whenAt(
                        NOW,
                        book(UUID.randomUUID(), CLASS, TEN),
                        registered(),
                        scheduled(),
                        defined(seated),
                        reserved(UUID.randomUUID(), CLASS, TEN, 60, 0))
                .expectSuccessfulHandlerExecution();
        // a seat of the class is still the host's time: another type cannot overlap it
        whenAt(
                        NOW,
                        book(UUID.randomUUID(), INTRO, TEN),
                        registered(),
                        scheduled(),
                        defined(seated),
                        defined(intro()),
                        reserved(UUID.randomUUID(), CLASS, TEN, 60, 0))
                .expectException(failsWith(ErrorCode.SLOT_UNAVAILABLE));
    }

    @Test
    void aDayAtItsLimitTakesNoMoreBookingsOfThatTypeUntilOneIsCancelled() {
        EventType limited = type(INTRO, "intro", 15, 15, 1, new BookingLimits(1, null), List.of(), false, 0);
        UUID first = UUID.randomUUID();
        Object[] atLimit = {registered(), scheduled(), defined(limited), reserved(first, INTRO, NINE, 15, 0)};
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN), atLimit)
                .expectException(failsWith(ErrorCode.BOOKING_LIMIT_REACHED));
        // the next day, and the default type the same day, are not limited
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN.plus(Duration.ofDays(1))), atLimit)
                .expectSuccessfulHandlerExecution();
        whenAt(NOW, book(UUID.randomUUID(), null, TEN), atLimit).expectSuccessfulHandlerExecution();
        whenAt(
                        NOW,
                        book(UUID.randomUUID(), INTRO, TEN),
                        registered(),
                        scheduled(),
                        defined(limited),
                        reserved(first, INTRO, NINE, 15, 0),
                        new BookingCancelled(first, HOST, "changed my mind"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void answersAreCheckedAgainstTheTypesQuestions() {
        EventType asking = type(
                INTRO,
                "intro",
                15,
                15,
                1,
                null,
                List.of(new Question("phone", "Phone", QuestionType.PHONE, true, List.of())),
                false,
                0);
        Object[] given = {registered(), scheduled(), defined(asking)};
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN), given)
                .expectNoEvents()
                .expectException(failsWith(ErrorCode.INVALID_ANSWERS));
        whenAt(
                        NOW,
                        new ReserveBookingCommand(
                                HOST,
                                UUID.randomUUID(),
                                TEN,
                                BOB,
                                INTRO,
                                Map.of("phone", "+33123456789"),
                                Map.of("crmId", "42"),
                                null,
                                false),
                        given)
                .expectEventsMatching(one(e -> e instanceof BookingReserved r
                        && r.answers().equals(Map.of("phone", "+33123456789"))
                        && r.metadata().equals(Map.of("crmId", "42"))));
    }

    @Test
    void anArchivedTypeTakesNoNewBookingsButItsBookingsStay() {
        UUID booking = UUID.randomUUID();
        fixture()
                .given(registered(), scheduled(), defined(intro()))
                .when(new ArchiveEventTypeCommand(HOST, INTRO))
                .expectEvents(new EventTypeArchived(HOST, INTRO));
        Object[] archived = {
            registered(),
            scheduled(),
            defined(intro()),
            reserved(booking, INTRO, NINE, 15, 0),
            new EventTypeArchived(HOST, INTRO)
        };
        whenAt(NOW, book(UUID.randomUUID(), INTRO, TEN), archived)
                .expectException(failsWith(ErrorCode.EVENT_TYPE_ARCHIVED));
        whenAt(NOW, new CancelBookingCommand(HOST, booking, "no"), archived)
                .expectEvents(new BookingCancelled(booking, HOST, "no"));
        fixture()
                .given(registered(), scheduled())
                .when(new ArchiveEventTypeCommand(HOST, EventType.defaultIdFor(HOST)))
                .expectException(failsWith(ErrorCode.INVALID_EVENT_TYPE));
    }

    @Test
    void aNoShowIsOnlyAConfirmedBookingWhoseStartHasPassed() {
        UUID booking = UUID.randomUUID();
        Object[] confirmed = {
            registered(), scheduled(), reserved(booking, null, TEN, 30, 15), new BookingConfirmed(booking, HOST, null)
        };
        whenAt(NOW, new MarkNoShowCommand(HOST, booking, "absent"), confirmed)
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
        whenAt(TEN.plus(Duration.ofMinutes(5)), new MarkNoShowCommand(HOST, booking, "absent"), confirmed)
                .expectEvents(new BookingMarkedNoShow(booking, HOST, "absent"));
        whenAt(
                        TEN.plus(Duration.ofMinutes(5)),
                        new MarkNoShowCommand(HOST, booking, "absent"),
                        registered(),
                        scheduled(),
                        reserved(booking, null, TEN, 30, 15))
                .expectException(failsWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void theAttendeeCancelsOnlyBeforeTheTypesNoticeTheHostAnyTime() {
        UUID booking = UUID.randomUUID();
        EventType noticed = type(INTRO, "intro", 15, 15, 1, null, List.of(), false, 24 * 60);
        Object[] given = {registered(), scheduled(), defined(noticed), reserved(booking, INTRO, TEN, 15, 0)};
        whenAt(NOW, new CancelBookingCommand(HOST, booking, "late", true), given)
                .expectException(failsWith(ErrorCode.CUTOFF_PASSED));
        whenAt(NOW, new CancelBookingCommand(HOST, booking, "host", false), given)
                .expectEvents(new BookingCancelled(booking, HOST, "host"));
        whenAt(NOW.minus(Duration.ofDays(2)), new CancelBookingCommand(HOST, booking, "early", true), given)
                .expectEvents(new BookingCancelled(booking, HOST, "early"));
    }

    @Test
    void withoutAKeyOnlyAPublicTypeIsBooked() {
        EventType open = type(CLASS, "open", 30, 30, 1, null, List.of(), true, 0);
        Object[] given = {registered(), scheduled(), defined(intro()), defined(open)};
        ReserveBookingCommand anonymousIntro =
                new ReserveBookingCommand(HOST, UUID.randomUUID(), TEN, BOB, INTRO, Map.of(), Map.of(), null, true);
        whenAt(NOW, anonymousIntro, given).expectException(failsWith(ErrorCode.UNAUTHENTICATED));
        ReserveBookingCommand anonymousOpen =
                new ReserveBookingCommand(HOST, UUID.randomUUID(), TEN, BOB, CLASS, Map.of(), Map.of(), null, true);
        whenAt(NOW, anonymousOpen, given).expectSuccessfulHandlerExecution();
        // without a key an unknown or archived type answers like a private one: nothing is learnt
        ReserveBookingCommand anonymousUnknown = new ReserveBookingCommand(
                HOST, UUID.randomUUID(), TEN, BOB, UUID.randomUUID(), Map.of(), Map.of(), null, true);
        whenAt(NOW, anonymousUnknown, given).expectException(failsWith(ErrorCode.UNAUTHENTICATED));
        whenAt(NOW, anonymousOpen, registered(), scheduled(), defined(open), new EventTypeArchived(HOST, CLASS))
                .expectException(failsWith(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void aDefaultScheduleFromBeforeEventTypesBooksAsTheDefaultType() {
        whenAt(NOW, new DefineScheduleCommand(HOST, HOURS), registered()).expectEvents(scheduled());
        whenAt(NOW, book(UUID.randomUUID(), EventType.defaultIdFor(HOST), TEN), registered(), scheduled())
                .expectEventsMatching(one(e -> e instanceof BookingReserved r
                        && r.eventTypeId().equals(EventType.defaultIdFor(HOST))
                        && r.end().equals(TEN.plus(Duration.ofMinutes(30)))
                        && r.bufferAfterMinutes() == 15));
    }
}
