package dev.bookwise.query.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingConfirmed;
import dev.bookwise.events.BookingExpired;
import dev.bookwise.events.BookingRescheduled;
import dev.bookwise.events.BookingReserved;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The booking after each event: what Kafka and webhooks carry as data. */
class BookingViewTest {

    private final UUID host = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();
    private final Instant start = Instant.parse("2026-12-01T10:00:00Z");
    private final Instant t0 = Instant.parse("2026-11-22T09:00:00Z");

    private BookingView reserved() {
        return BookingView.after(
                null,
                new BookingReserved(
                        id,
                        host,
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        5,
                        10,
                        new Attendee("Bob", "bob@example.com", "Europe/Paris"),
                        t0.plus(Duration.ofMinutes(15)),
                        "d"),
                t0);
    }

    @Test
    void aReservationStartsReservedWithItsExpiry() {
        BookingView view = reserved();
        assertThat(view.status()).isEqualTo(BookingState.RESERVED);
        assertThat(view.expiresAt()).isEqualTo(t0.plus(Duration.ofMinutes(15)));
        assertThat(view.createdAt()).isEqualTo(t0);
        assertThat(view.bufferAfterMinutes()).isEqualTo(10);
    }

    @Test
    void statusChangesKeepTheRestDropTheExpiryAndKeepTheLastReason() {
        Instant t1 = t0.plusSeconds(60);
        BookingView confirmed = BookingView.after(reserved(), new BookingConfirmed(id, host, "see you"), t1);
        assertThat(confirmed.status()).isEqualTo(BookingState.CONFIRMED);
        assertThat(confirmed.expiresAt()).isNull();
        assertThat(confirmed.reason()).isEqualTo("see you");
        assertThat(confirmed.updatedAt()).isEqualTo(t1);
        assertThat(confirmed.createdAt()).isEqualTo(t0);
        BookingView cancelled = BookingView.after(confirmed, new BookingCancelled(id, host, null), t1.plusSeconds(1));
        assertThat(cancelled.status()).isEqualTo(BookingState.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("see you");
        assertThat(BookingView.after(reserved(), new BookingExpired(id, host, t1), t1)
                        .status())
                .isEqualTo(BookingState.EXPIRED);
    }

    @Test
    void aRescheduleMovesTheSlotAndKeepsTheStatus() {
        Instant newStart = start.plus(Duration.ofDays(1));
        BookingView moved = BookingView.after(
                reserved(),
                new BookingRescheduled(
                        id,
                        host,
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        newStart,
                        newStart.plus(Duration.ofMinutes(30)),
                        0,
                        15),
                t0.plusSeconds(5));
        assertThat(moved.status()).isEqualTo(BookingState.RESERVED);
        assertThat(moved.start()).isEqualTo(newStart);
        assertThat(moved.bufferBeforeMinutes()).isZero();
        assertThat(moved.bufferAfterMinutes()).isEqualTo(15);
        assertThat(moved.attendee().name()).isEqualTo("Bob");
    }
}
