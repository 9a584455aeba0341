package dev.bookwise.calendar.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BEA = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID CAL = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private static UUID first(RoundRobin.Standing... standings) {
        return RoundRobin.order(List.of(standings)).get(0).hostId();
    }

    @Test
    void theFewestRecentBookingsPerWeightComeFirst() {
        assertThat(first(
                        new RoundRobin.Standing(ADA, 1, 0, 3, T),
                        new RoundRobin.Standing(BEA, 2, 0, 5, T),
                        new RoundRobin.Standing(CAL, 1, 0, 4, T)))
                .isEqualTo(BEA);
    }

    @Test
    void tiesGoToTheHigherPriorityThenTheLeastRecentlyBooked() {
        assertThat(first(new RoundRobin.Standing(ADA, 1, 0, 2, T), new RoundRobin.Standing(BEA, 1, 5, 2, T)))
                .isEqualTo(BEA);
        assertThat(first(
                        new RoundRobin.Standing(ADA, 1, 0, 2, T.plusSeconds(60)),
                        new RoundRobin.Standing(BEA, 1, 0, 2, T)))
                .isEqualTo(BEA);
        assertThat(first(new RoundRobin.Standing(ADA, 1, 0, 0, T), new RoundRobin.Standing(BEA, 1, 0, 0, null)))
                .isEqualTo(BEA);
    }

    @Test
    void oneHundredBookingsFollowTheWeights() {
        Map<UUID, Integer> weights = Map.of(ADA, 2, BEA, 1, CAL, 1);
        Map<UUID, Integer> counts = new HashMap<>(Map.of(ADA, 0, BEA, 0, CAL, 0));
        Map<UUID, Instant> last = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            List<RoundRobin.Standing> standings = new ArrayList<>();
            for (UUID host : List.of(ADA, BEA, CAL)) {
                standings.add(new RoundRobin.Standing(host, weights.get(host), 0, counts.get(host), last.get(host)));
            }
            UUID next = RoundRobin.order(standings).get(0).hostId();
            counts.merge(next, 1, Integer::sum);
            last.put(next, T.plusSeconds(i));
        }
        assertThat(counts.get(ADA)).isBetween(48, 52);
        assertThat(counts.get(BEA)).isBetween(23, 27);
        assertThat(counts.get(CAL)).isBetween(23, 27);
    }
}
