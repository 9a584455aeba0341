package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotOfferTest {

    // Monday 2024-03-11, 09:00-12:00 UTC, 30 minute slots, 15 minute buffers, 2 h notice
    private static final Schedule SCHEDULE = new Schedule(
            "UTC", 30, 15, 15, 120, 30, Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "12:00"))), List.of());
    private static final Instant NOW = Instant.parse("2024-03-11T06:00:00Z");

    private final Occupancy occupancy = new Occupancy();
    private final SlotOffer offer = new SlotOffer(new SlotGrid(SCHEDULE, List.of()), occupancy);

    private static void assertRefused(Runnable check, ErrorCode code) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aFreeAlignedStartIsAccepted() {
        assertThat(offer.check(Instant.parse("2024-03-11T09:30:00Z"), NOW, null))
                .isEqualTo(new Slot(Instant.parse("2024-03-11T09:30:00Z"), Instant.parse("2024-03-11T10:00:00Z")));
    }

    @Test
    void aStartWhoseBuffersOverlapABookingIsUnavailable() {
        occupancy.add(UUID.randomUUID(), Instant.parse("2024-03-11T09:45:00Z"), Instant.parse("2024-03-11T10:15:00Z"));

        assertRefused(() -> offer.check(Instant.parse("2024-03-11T10:00:00Z"), NOW, null), ErrorCode.SLOT_UNAVAILABLE);
        // occupied ranges may touch: 10:30 occupies 10:15-11:15
        assertThat(offer.check(Instant.parse("2024-03-11T10:30:00Z"), NOW, null))
                .isNotNull();
    }

    @Test
    void aBookingDoesNotConflictWithItselfWhenMoved() {
        UUID moving = UUID.randomUUID();
        occupancy.add(moving, Instant.parse("2024-03-11T09:15:00Z"), Instant.parse("2024-03-11T09:45:00Z"));

        assertThat(offer.check(Instant.parse("2024-03-11T09:30:00Z"), NOW, moving))
                .isNotNull();
        assertRefused(() -> offer.check(Instant.parse("2024-03-11T09:30:00Z"), NOW, null), ErrorCode.SLOT_UNAVAILABLE);
    }

    @Test
    void startsInsideTheNoticeInThePastOffGridOrPastTheHorizonAreNotOffered() {
        assertRefused(
                () -> offer.check(Instant.parse("2024-03-11T09:00:00Z"), Instant.parse("2024-03-11T07:30:00Z"), null),
                ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(
                () -> offer.check(Instant.parse("2024-03-11T09:00:00Z"), Instant.parse("2024-03-11T10:00:00Z"), null),
                ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(() -> offer.check(Instant.parse("2024-03-11T09:10:00Z"), NOW, null), ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(() -> offer.check(Instant.parse("2024-03-11T13:00:00Z"), NOW, null), ErrorCode.SLOT_NOT_OFFERED);
        assertRefused(() -> offer.check(Instant.parse("2024-04-15T09:00:00Z"), NOW, null), ErrorCode.SLOT_NOT_OFFERED);
    }

    @Test
    void theAvailableListIsExactlyWhatCheckAccepts() {
        occupancy.add(UUID.randomUUID(), Instant.parse("2024-03-11T09:45:00Z"), Instant.parse("2024-03-11T10:15:00Z"));
        Instant now = Instant.parse("2024-03-11T07:10:00Z");
        Instant from = Instant.parse("2024-03-11T00:00:00Z");
        Instant to = Instant.parse("2024-03-19T00:00:00Z");

        List<Slot> listed = offer.available(from, to, now);
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(300)) {
            Instant start = t;
            boolean accepted;
            try {
                offer.check(start, now, null);
                accepted = true;
            } catch (BookwiseException e) {
                accepted = false;
            }
            assertThat(listed.stream().anyMatch(s -> s.start().equals(start)))
                    .as(start.toString())
                    .isEqualTo(accepted);
        }
        // 09:00 is inside the notice, 09:30 and 10:00 collide through their buffers
        assertThat(listed)
                .extracting(Slot::start)
                .startsWith(
                        Instant.parse("2024-03-11T10:30:00Z"),
                        Instant.parse("2024-03-11T11:00:00Z"),
                        Instant.parse("2024-03-11T11:30:00Z"),
                        Instant.parse("2024-03-18T09:00:00Z"));
    }
}
