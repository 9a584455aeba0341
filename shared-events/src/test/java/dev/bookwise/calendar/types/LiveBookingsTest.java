package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Slot;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveBookingsTest {

    private static final EventType CALL = EventTypeDraft.intro(t -> {
        t.id = UUID.fromString("00000000-0000-0000-0000-00000000ca11");
        t.durationMinutes = 30;
        t.bufferBeforeMinutes = 15;
        t.bufferAfterMinutes = 15;
        t.limits = BookingLimits.NONE;
    });
    private static final EventType CLASS = EventTypeDraft.intro(t -> {
        t.id = UUID.fromString("00000000-0000-0000-0000-00000000c1a5");
        t.slug = "class";
        t.durationMinutes = 60;
        t.bufferBeforeMinutes = 0;
        t.bufferAfterMinutes = 0;
        t.seats = 3;
        t.limits = BookingLimits.NONE;
    });

    private final LiveBookings bookings = new LiveBookings();

    private static Instant at(String hhmm) {
        return Instant.parse("2024-03-11T" + hhmm + ":00Z");
    }

    private static Slot slot(EventType type, String hhmm) {
        return new Slot(at(hhmm), at(hhmm).plus(type.duration()));
    }

    private LiveBooking book(EventType type, String hhmm) {
        LiveBooking booking = new LiveBooking(
                UUID.randomUUID(),
                type.id(),
                at(hhmm),
                at(hhmm).plus(type.duration()),
                type.bufferBeforeMinutes(),
                type.bufferAfterMinutes());
        bookings.add(booking);
        return booking;
    }

    @Test
    void anEmptyCalendarHasEverySeat() {
        assertThat(bookings.seatsLeft(CALL, at("10:00"))).isEqualTo(1);
        assertThat(bookings.seatsLeft(CLASS, at("10:00"))).isEqualTo(3);
    }

    @Test
    void bookingsOfDifferentTypesNeverOverlapTheirOccupiedRanges() {
        book(CALL, "10:00"); // occupies 09:45-10:45

        assertThat(bookings.seatsLeft(CLASS, at("10:30"))).isZero();
        assertThat(bookings.seatsLeft(CLASS, at("08:46"))).isZero();
        // a class 08:45-09:45 or 10:45-11:45 only touches it
        assertThat(bookings.seatsLeft(CLASS, at("08:45"))).isEqualTo(3);
        assertThat(bookings.seatsLeft(CLASS, at("10:45"))).isEqualTo(3);
        assertThat(bookings.seatsLeft(CALL, at("11:00"))).isEqualTo(1);
        assertThat(bookings.seatsLeft(CALL, at("10:55"))).isZero();
    }

    @Test
    void aSeatedSlotTakesUpToItsSeatsAtTheSameStart() {
        book(CLASS, "10:00");
        assertThat(bookings.seatsLeft(CLASS, at("10:00"))).isEqualTo(2);
        book(CLASS, "10:00");
        assertThat(bookings.seatsLeft(CLASS, at("10:00"))).isEqualTo(1);
        book(CLASS, "10:00");

        assertThat(bookings.seatsLeft(CLASS, at("10:00"))).isZero();
        assertThat(bookings.accepts(CLASS, slot(CLASS, "10:00"), null)).isFalse();
    }

    @Test
    void aSeatedSlotSharesNeitherWithAnotherStartNorWithAnotherType() {
        book(CLASS, "10:00");

        assertThat(bookings.seatsLeft(CLASS, at("10:30"))).isZero();
        assertThat(bookings.seatsLeft(CLASS, at("09:30"))).isZero();
        EventType otherClass = EventTypeDraft.intro(t -> {
            t.id = UUID.randomUUID();
            t.durationMinutes = 60;
            t.bufferAfterMinutes = 0;
            t.seats = 3;
        });
        assertThat(bookings.seatsLeft(otherClass, at("10:00"))).isZero();
    }

    @Test
    void aTypeThatNoLongerHasSeatsSharesNothing() {
        book(CLASS, "10:00");
        EventType unseated = EventTypeDraft.intro(t -> {
            t.id = CLASS.id();
            t.durationMinutes = 60;
            t.bufferAfterMinutes = 0;
            t.seats = 1;
        });

        assertThat(bookings.seatsLeft(unseated, at("10:00"))).isZero();
    }

    @Test
    void theBookingBeingMovedDoesNotCount() {
        LiveBooking moving = book(CALL, "10:00");

        assertThat(bookings.seatsLeft(CALL, slot(CALL, "10:30"), moving.bookingId()))
                .isEqualTo(1);
        assertThat(bookings.seatsLeft(CALL, slot(CALL, "10:30"), null)).isZero();
        LiveBooking seat = book(CLASS, "12:00");
        book(CLASS, "12:00");
        book(CLASS, "12:00");
        assertThat(bookings.seatsLeft(CLASS, slot(CLASS, "12:00"), seat.bookingId()))
                .isEqualTo(1);
    }

    @Test
    void aRemovedBookingFreesItsPlaceAndAnUnknownIdChangesNothing() {
        LiveBooking booking = book(CALL, "10:00");
        bookings.remove(UUID.randomUUID());
        assertThat(bookings.size()).isEqualTo(1);

        bookings.remove(booking.bookingId());

        assertThat(bookings.size()).isZero();
        assertThat(bookings.get(booking.bookingId())).isEmpty();
        assertThat(bookings.seatsLeft(CALL, at("10:00"))).isEqualTo(1);
    }

    @Test
    void addingABookingAgainMovesIt() {
        LiveBooking booking = book(CALL, "10:00");

        bookings.add(new LiveBooking(booking.bookingId(), CALL.id(), at("14:00"), at("14:30"), 15, 15));

        assertThat(bookings.size()).isEqualTo(1);
        assertThat(bookings.seatsLeft(CALL, at("10:00"))).isEqualTo(1);
        assertThat(bookings.seatsLeft(CALL, at("14:00"))).isZero();
    }

    @Test
    void aLongBookingFarBeforeIsStillFound() {
        // sharers may have different ranges (the type changed in between); a long one starting
        // early must be found even when shorter ones start after it
        LiveBooking longOne = new LiveBooking(UUID.randomUUID(), CLASS.id(), at("10:00"), at("13:00"), 60, 0);
        bookings.add(longOne);
        bookings.add(new LiveBooking(UUID.randomUUID(), CLASS.id(), at("10:00"), at("10:30"), 0, 0));

        assertThat(bookings.overlapping(at("12:30"), at("12:45"))).containsExactly(longOne);
        assertThat(bookings.overlapping(at("13:00"), at("14:00"))).isEmpty();
        assertThat(bookings.seatsLeft(CALL, at("12:00"))).isZero();
    }

    @Test
    void timeTakenWithoutAnEventTypeSharesWithNothing() {
        bookings.add(new LiveBooking(UUID.randomUUID(), null, at("10:00"), at("11:00"), 0, 0));

        assertThat(bookings.seatsLeft(CLASS, at("10:00"))).isZero();
        assertThat(bookings.seatsLeft(CLASS, at("11:00"))).isEqualTo(3);
    }

    @Test
    void thousandsOfBookingsAreSearchedQuickly() {
        EventType short5 = EventTypeDraft.intro(t -> {
            t.durationMinutes = 5;
            t.bufferAfterMinutes = 0;
        });
        for (int i = 0; i < 20_000; i++) {
            Instant start = at("00:00").plusSeconds(600L * i);
            bookings.add(new LiveBooking(UUID.randomUUID(), short5.id(), start, start.plusSeconds(300), 0, 0));
        }
        long began = System.nanoTime();
        int free = 0;
        for (int i = 0; i < 20_000; i++) {
            free += bookings.seatsLeft(short5, at("00:00").plusSeconds(600L * i + 300));
        }
        assertThat(free).isEqualTo(20_000);
        assertThat(System.nanoTime() - began).isLessThan(2_000_000_000L);
    }

    @Test
    void aSweepOverAscendingSlotsAnswersWhatEachSlotAnswersAlone() {
        java.util.Random random = new java.util.Random(20261130);
        for (int round = 0; round < 200; round++) {
            LiveBookings calendar = new LiveBookings();
            for (int i = 0; i < random.nextInt(40); i++) {
                EventType type = random.nextBoolean() ? CALL : CLASS;
                Instant start = at("00:00").plusSeconds(300L * random.nextInt(288));
                calendar.add(new LiveBooking(
                        UUID.randomUUID(),
                        type.id(),
                        start,
                        start.plus(type.duration()),
                        random.nextInt(3) * 10,
                        random.nextInt(3) * 10));
            }
            for (EventType type : java.util.List.of(CALL, CLASS)) {
                LiveBookings.Sweep sweep = calendar.sweep(type);
                for (int step = 0; step < 288; step++) {
                    Slot slot = new Slot(
                            at("00:00").plusSeconds(300L * step),
                            at("00:00").plusSeconds(300L * step).plus(type.duration()));
                    assertThat(sweep.seatsLeft(slot))
                            .as("%s at %s", type.slug(), slot)
                            .isEqualTo(calendar.seatsLeft(type, slot, null));
                }
                // asked out of order, it starts over and still answers the same
                Slot early = slot(type, "01:00");
                assertThat(sweep.seatsLeft(early)).isEqualTo(calendar.seatsLeft(type, early, null));
            }
        }
    }
}
