package dev.bookwise.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bookwise.calendar.Attendee;
import dev.bookwise.calendar.BusyInterval;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.events.BookingCancelled;
import dev.bookwise.events.BookingReserved;
import dev.bookwise.events.ExternalBusyTimesSynced;
import dev.bookwise.events.HostRegistered;
import dev.bookwise.events.TeamMembersChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which hosts and teams a batch of events touches, and since when. */
class ChangesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    @Test
    void aCollectiveBookingTouchesEveryMemberAndEachHostKeepsItsEarliestChange() {
        UUID ada = UUID.randomUUID();
        UUID bea = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Changes changes = new Changes();
        changes.add(reserved(ada, team, List.of(ada, bea)), T1);
        changes.add(
                new ExternalBusyTimesSynced(ada, UUID.randomUUID(), List.of(new BusyInterval(T0, T1)), List.of()), T0);
        assertThat(changes.touched()).isEqualTo(Map.of(ada, T0, bea, T1));
        assertThat(changes.teams()).isEmpty();
    }

    @Test
    void laterBookingEventsAreLookedUpForTheirMembersAndTeamsAreTouchedByTheirOwnEvents() {
        UUID ada = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        Changes changes = new Changes();
        changes.add(new BookingCancelled(booking, ada, "moved"), T0);
        changes.add(new TeamMembersChanged(team, List.of(new TeamMember(ada, 1, 0))), T1);
        assertThat(changes.laterBookingEvents()).isEqualTo(Map.of(booking, T0));
        assertThat(changes.touched()).isEqualTo(Map.of(ada, T0, team, T1));
        assertThat(changes.teams()).containsExactly(team);
    }

    @Test
    void eventsThatCannotAlterAvailabilityAreNotEvenRead() {
        assertThat(Changes.RELEVANT).doesNotContain(HostRegistered.class);
        Changes changes = new Changes();
        changes.add(new HostRegistered(UUID.randomUUID(), "Ada", "ada@example.com", "UTC", "x"), T0);
        assertThat(changes.isEmpty()).isTrue();
    }

    private static BookingReserved reserved(UUID host, UUID team, List<UUID> members) {
        return new BookingReserved(
                UUID.randomUUID(),
                host,
                T0,
                T1,
                0,
                0,
                new Attendee("Bob", "bob@example.com", "UTC"),
                T1,
                null,
                UUID.randomUUID(),
                Map.of(),
                Map.of(),
                null,
                team,
                members);
    }
}
