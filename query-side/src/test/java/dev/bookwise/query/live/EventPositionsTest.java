package dev.bookwise.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/** Where the follower places an event in the store, from the tokens before and after it. */
class EventPositionsTest {

    @Test
    void anEventInOrderIsAtItsTokensPosition() {
        assertThat(LiveAvailability.positionsOf(
                        GapAwareTrackingToken.newInstance(6, Set.of()), GapAwareTrackingToken.newInstance(7, Set.of())))
                .containsExactly(7L);
        assertThat(LiveAvailability.positionsOf(null, GapAwareTrackingToken.newInstance(7, Set.of(5L))))
                .containsExactly(7L);
    }

    @Test
    void anEventCommittedAfterALaterOneIsAtTheGapItFills() {
        // position 5 committed after 6: the token stays at 6 and loses its gap
        assertThat(LiveAvailability.positionsOf(
                        GapAwareTrackingToken.newInstance(6, Set.of(3L, 5L)),
                        GapAwareTrackingToken.newInstance(6, Set.of(3L))))
                .isEqualTo(List.of(5L));
    }
}
