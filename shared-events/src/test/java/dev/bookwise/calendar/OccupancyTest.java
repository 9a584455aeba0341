package dev.bookwise.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OccupancyTest {

    private static Instant at(int minute) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(minute * 60L);
    }

    @Test
    void rangesThatTouchDoNotOverlap() {
        Occupancy occupancy = new Occupancy();
        occupancy.add(UUID.randomUUID(), at(60), at(90));

        assertThat(occupancy.overlaps(at(30), at(60))).isFalse();
        assertThat(occupancy.overlaps(at(90), at(120))).isFalse();
        assertThat(occupancy.overlaps(at(89), at(120))).isTrue();
        assertThat(occupancy.overlaps(at(0), at(200))).isTrue();
        assertThat(occupancy.overlaps(at(70), at(80))).isTrue();
    }

    @Test
    void aRemovedRangeNoLongerConflicts() {
        Occupancy occupancy = new Occupancy();
        UUID first = UUID.randomUUID();
        occupancy.add(first, at(0), at(30));
        occupancy.add(UUID.randomUUID(), at(60), at(90));

        occupancy.remove(first, at(0));
        assertThat(occupancy.overlaps(at(0), at(30))).isFalse();
        assertThat(occupancy.overlaps(at(60), at(90))).isTrue();
    }
}
