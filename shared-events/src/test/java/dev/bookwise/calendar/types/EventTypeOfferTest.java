package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.calendar.AvailabilityWindow;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.Slot;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypeOfferTest {

    // Monday 2024-03-11 and Tuesday, 09:00-12:00 in UTC
    private static final Schedule HOURS = new Schedule(
            "UTC",
            30,
            0,
            0,
            0,
            60,
            Map.of(
                    DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "12:00")),
                    DayOfWeek.TUESDAY, List.of(new TimeRange("09:00", "12:00"))),
            List.of());
    private static final Instant NOW = Instant.parse("2024-03-11T06:00:00Z");
    private static final Instant MONDAY = Instant.parse("2024-03-11T00:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2024-03-12T00:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2024-03-13T00:00:00Z");

    // 45-minute calls every 30 minutes, 15 minutes after each
    private static final EventType CALL = EventTypeDraft.intro(t -> {
        t.id = UUID.fromString("00000000-0000-0000-0000-00000000ca11");
        t.slug = "call";
        t.durationMinutes = 45;
        t.slotIntervalMinutes = 30;
        t.bufferAfterMinutes = 15;
        t.minimumNoticeMinutes = 0;
        t.limits = BookingLimits.NONE;
    });
    // one-hour classes of three seats on the hour, two a day
    private static final EventType CLASS = EventTypeDraft.intro(t -> {
        t.id = UUID.fromString("00000000-0000-0000-0000-00000000c1a5");
        t.slug = "class";
        t.durationMinutes = 60;
        t.slotIntervalMinutes = 60;
        t.bufferAfterMinutes = 0;
        t.minimumNoticeMinutes = 0;
        t.seats = 3;
        t.limits = new BookingLimits(2, null);
    });

    private final LiveBookings bookings = new LiveBookings();
    private BookingCounts counts = BookingCounts.NONE;

    private EventTypeOffer offer(EventType type) {
        return new EventTypeOffer(type, HOURS, List.of(), bookings, counts);
    }

    private UUID book(EventType type, Instant start) {
        EventTypeOffer offer = offer(type);
        OfferedSlot slot = offer.check(start, NOW, null);
        UUID id = UUID.randomUUID();
        bookings.add(offer.booking(id, slot.slot()));
        counts = counts.plus(type.id(), offer.countedOn(start));
        return id;
    }

    private static void assertRefused(Runnable check, ErrorCode code) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static Instant at(String utc) {
        return Instant.parse("2024-03-11T" + utc + ":00Z");
    }

    @Test
    void slotsLastTheDurationAndStartEveryInterval() {
        assertThat(offer(CALL).available(MONDAY, TUESDAY, NOW))
                .extracting(OfferedSlot::start, OfferedSlot::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(at("09:00"), at("09:45")),
                        org.assertj.core.groups.Tuple.tuple(at("09:30"), at("10:15")),
                        org.assertj.core.groups.Tuple.tuple(at("10:00"), at("10:45")),
                        org.assertj.core.groups.Tuple.tuple(at("10:30"), at("11:15")),
                        org.assertj.core.groups.Tuple.tuple(at("11:00"), at("11:45")));
    }

    @Test
    void aBookingOfOneTypeTakesTheTimeOfEveryOther() {
        book(CALL, at("10:00")); // occupies 10:00-11:00

        assertThat(offer(CALL).available(MONDAY, TUESDAY, NOW))
                .extracting(OfferedSlot::start)
                .containsExactly(at("09:00"), at("11:00"));
        assertThat(offer(CLASS).available(MONDAY, TUESDAY, NOW))
                .extracting(OfferedSlot::start)
                .containsExactly(at("09:00"), at("11:00"));
        assertRefused(() -> offer(CLASS).check(at("10:00"), NOW, null), ErrorCode.SLOT_UNAVAILABLE);
    }

    @Test
    void aSeatedSlotStaysListedWithItsSeatsLeftUntilFull() {
        EventType roomy = EventTypeDraft.intro(t -> {
            t.id = CLASS.id();
            t.durationMinutes = 60;
            t.slotIntervalMinutes = 60;
            t.bufferAfterMinutes = 0;
            t.minimumNoticeMinutes = 0;
            t.seats = 3;
            t.limits = BookingLimits.NONE;
        });
        book(roomy, at("09:00"));
        book(roomy, at("09:00"));

        assertThat(offer(roomy).available(MONDAY, TUESDAY, NOW))
                .containsExactly(
                        new OfferedSlot(at("09:00"), at("10:00"), 1),
                        new OfferedSlot(at("10:00"), at("11:00"), 3),
                        new OfferedSlot(at("11:00"), at("12:00"), 3));
        book(roomy, at("09:00"));

        assertThat(offer(roomy).available(MONDAY, TUESDAY, NOW))
                .extracting(OfferedSlot::start)
                .containsExactly(at("10:00"), at("11:00"));
        assertRefused(() -> offer(roomy).check(at("09:00"), NOW, null), ErrorCode.SLOT_UNAVAILABLE);
        // the seated slot blocks calls around it
        assertRefused(() -> offer(CALL).check(at("09:30"), NOW, null), ErrorCode.SLOT_UNAVAILABLE);
    }

    @Test
    void aDayAtItsLimitOffersNoSlotOfTheType() {
        book(CLASS, at("09:00"));
        book(CLASS, at("10:00"));

        assertThat(offer(CLASS).available(MONDAY, WEDNESDAY, NOW))
                .extracting(OfferedSlot::start)
                .allMatch(start -> !start.isBefore(TUESDAY))
                .hasSize(3);
        assertRefused(() -> offer(CLASS).check(at("11:00"), NOW, null), ErrorCode.BOOKING_LIMIT_REACHED);
        // other types are not limited by it
        assertThat(offer(CALL).check(at("11:00"), NOW, null).seatsLeft()).isEqualTo(1);
    }

    @Test
    void seatsLeftIsNoMoreThanTheLimitLeaves() {
        book(CLASS, at("09:00"));

        // three seats at 10:00, but the day takes one more class booking
        assertThat(offer(CLASS).check(at("10:00"), NOW, null).seatsLeft()).isEqualTo(1);
        assertThat(offer(CLASS).available(MONDAY, TUESDAY, NOW))
                .containsExactly(
                        new OfferedSlot(at("09:00"), at("10:00"), 1),
                        new OfferedSlot(at("10:00"), at("11:00"), 1),
                        new OfferedSlot(at("11:00"), at("12:00"), 1));
    }

    @Test
    void aBookingMayMoveOntoItsOwnTimeAndWithinADayAtItsLimit() {
        UUID first = book(CLASS, at("09:00"));
        book(CLASS, at("10:00"));

        assertThat(offer(CLASS).check(at("11:00"), NOW, first).start()).isEqualTo(at("11:00"));
        assertThat(offer(CLASS).check(at("09:00"), NOW, first).start()).isEqualTo(at("09:00"));
        UUID call = book(CALL, Instant.parse("2024-03-12T10:00:00Z"));
        assertThat(offer(CALL)
                        .check(Instant.parse("2024-03-12T10:30:00Z"), NOW, call)
                        .start())
                .isEqualTo(Instant.parse("2024-03-12T10:30:00Z"));
    }

    @Test
    void startsOffTheGridInsideTheNoticeOrBeyondTheHorizonAreNotOffered() {
        EventType noticed = EventTypeDraft.intro(t -> {
            t.durationMinutes = 30;
            t.slotIntervalMinutes = 30;
            t.minimumNoticeMinutes = 240;
            t.horizonDays = 1;
            t.limits = BookingLimits.NONE;
        });
        EventTypeOffer offer = new EventTypeOffer(noticed, HOURS, List.of(), bookings, counts);

        assertRefused(
                () -> offer.check(at("09:15"), Instant.parse("2024-03-11T00:00:00Z"), null),
                ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(
                () -> offer.check(at("09:30"), Instant.parse("2024-03-11T06:00:00Z"), null),
                ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(
                () -> offer.check(Instant.parse("2024-03-12T09:00:00Z"), Instant.parse("2024-03-11T08:00:00Z"), null),
                ErrorCode.SLOT_NOT_OFFERED);
        assertThat(offer.check(at("10:00"), Instant.parse("2024-03-11T06:00:00Z"), null)
                        .end())
                .isEqualTo(at("10:30"));
    }

    @Test
    void windowsGivenForATypeAreCutAsTheyAlwaysWere() {
        EventType byDefault = EventType.defaultFor(UUID.randomUUID(), HOURS);
        AvailabilityWindow window = new AvailabilityWindow(at("14:10"), at("15:30"), 40);
        EventTypeOffer offer = new EventTypeOffer(byDefault, HOURS, List.of(window), bookings, counts);

        assertThat(offer.available(at("13:00"), at("16:00"), NOW))
                .containsExactly(
                        new OfferedSlot(at("14:10"), at("14:50"), 1), new OfferedSlot(at("14:50"), at("15:30"), 1));
        assertThat(offer.check(at("14:50"), NOW, null).slot()).isEqualTo(new Slot(at("14:50"), at("15:30")));
    }

    @Test
    void limitsCountInTheSchedulesZone() {
        Schedule newYork = new Schedule(
                "America/New_York",
                60,
                0,
                0,
                0,
                60,
                Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("18:00", "24:00"))),
                List.of());
        EventType onePerDay = EventTypeDraft.intro(t -> {
            t.durationMinutes = 60;
            t.slotIntervalMinutes = 60;
            t.bufferAfterMinutes = 0;
            t.minimumNoticeMinutes = 0;
            t.limits = new BookingLimits(1, null);
        });
        EventTypeOffer offer = new EventTypeOffer(onePerDay, newYork, List.of(), bookings, counts);
        // 23:00 in New York on Monday is 03:00Z on Tuesday, but counts on Monday
        Instant lateMonday = Instant.parse("2024-03-12T03:00:00Z");
        bookings.add(offer.booking(
                UUID.randomUUID(), offer.check(lateMonday, NOW, null).slot()));
        counts = counts.plus(onePerDay.id(), offer.countedOn(lateMonday));

        EventTypeOffer after = new EventTypeOffer(onePerDay, newYork, List.of(), bookings, counts);
        assertThat(offer.countedOn(lateMonday)).isEqualTo(java.time.LocalDate.parse("2024-03-11"));
        assertThat(after.available(MONDAY, WEDNESDAY, NOW)).isEmpty();
    }
}
