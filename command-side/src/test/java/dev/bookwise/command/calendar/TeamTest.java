package dev.bookwise.command.calendar;

import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.teams.TeamMember;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.commands.ArchiveTeamEventTypeCommand;
import dev.bookwise.commands.ChangeTeamMembersCommand;
import dev.bookwise.commands.CreateTeamCommand;
import dev.bookwise.commands.DefineTeamEventTypeCommand;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.events.TeamCreated;
import dev.bookwise.events.TeamEventTypeArchived;
import dev.bookwise.events.TeamEventTypeDefined;
import dev.bookwise.events.TeamMembersChanged;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team's rules: its members are registered hosts, listed once; its types' slugs are its own. */
class TeamTest {

    private static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BEA = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID CAL = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final UUID DEMO = UUID.fromString("00000000-0000-0000-0000-00000000e001");
    private static final String KEY = "cd".repeat(32);

    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource((KnownHosts) Set.of(ADA, BEA, CAL)::contains);
    }

    private static List<TeamMember> members(UUID... hosts) {
        return java.util.Arrays.stream(hosts).map(h -> new TeamMember(h, 1, 0)).toList();
    }

    private static TeamCreated created() {
        return new TeamCreated(TEAM, "Sales", members(ADA, BEA), KEY);
    }

    private static TeamEventType demo(String slug, Assignment assignment, List<UUID> members) {
        return new TeamEventType(
                new EventType(
                        DEMO, slug, "Demo", 30, null, null, null, null, null, null, null, null, null, null, null,
                        false),
                assignment,
                members);
    }

    private static Matcher<?> code(String code) {
        return Matchers.predicate(
                e -> e instanceof BookwiseException b && b.code().code().equals(code));
    }

    @Test
    void aTeamIsCreatedWithItsMembersDefaultsApplied() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Sales", List.of(new TeamMember(ADA, null, null)), KEY))
                .expectEvents(new TeamCreated(TEAM, "Sales", List.of(new TeamMember(ADA, 1, 0)), KEY));
    }

    @Test
    void aMemberMustBeARegisteredHost() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Sales", members(ADA, UUID.randomUUID()), KEY))
                .expectNoEvents()
                .expectException(code("host-not-found"));
    }

    @Test
    void aMemberIsListedOnceWithAWeightOfAtLeastOne() {
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Sales", members(ADA, ADA), KEY))
                .expectException(code("invalid-request"));
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Sales", List.of(new TeamMember(ADA, 0, 0)), KEY))
                .expectException(code("invalid-request"));
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(TEAM, "Sales", List.of(), KEY))
                .expectException(code("invalid-request"));
    }

    @Test
    void changingTheMembersReplacesThemAndTheSameListChangesNothing() {
        fixture.given(created())
                .when(new ChangeTeamMembersCommand(TEAM, members(BEA, CAL)))
                .expectEvents(new TeamMembersChanged(TEAM, members(BEA, CAL)));
        fixture.given(created())
                .when(new ChangeTeamMembersCommand(TEAM, members(ADA, BEA)))
                .expectNoEvents();
    }

    @Test
    void aTypesMembersAreMembersOfTheTeam() {
        fixture.given(created())
                .when(new DefineTeamEventTypeCommand(TEAM, demo("demo", Assignment.COLLECTIVE, List.of(CAL)), true))
                .expectNoEvents()
                .expectException(code("invalid-event-type"));
        TeamEventType subset = demo("demo", Assignment.ROUND_ROBIN, List.of(BEA));
        fixture.given(created())
                .when(new DefineTeamEventTypeCommand(TEAM, subset, true))
                .expectEvents(new TeamEventTypeDefined(TEAM, subset));
    }

    @Test
    void aTeamTypeUsesTheMembersDefaultSchedules() {
        TeamEventType named = new TeamEventType(
                new EventType(
                        DEMO,
                        "demo",
                        "Demo",
                        30,
                        null,
                        UUID.randomUUID(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false),
                Assignment.ROUND_ROBIN,
                null);
        fixture.given(created())
                .when(new DefineTeamEventTypeCommand(TEAM, named, true))
                .expectException(code("invalid-event-type"));
    }

    @Test
    void aSlugIsTheTeamsOwnAndAnArchivedTypeStaysArchived() {
        TeamEventType first = demo("demo", Assignment.ROUND_ROBIN, null);
        TeamEventType other = new TeamEventType(
                new EventType(
                        UUID.randomUUID(),
                        "demo",
                        "Other",
                        15,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false),
                Assignment.COLLECTIVE,
                null);
        fixture.given(created(), new TeamEventTypeDefined(TEAM, first))
                .when(new DefineTeamEventTypeCommand(TEAM, other, true))
                .expectException(code("slug-taken"));
        fixture.given(created(), new TeamEventTypeDefined(TEAM, first))
                .when(new ArchiveTeamEventTypeCommand(TEAM, DEMO))
                .expectEvents(new TeamEventTypeArchived(TEAM, DEMO));
        fixture.given(created(), new TeamEventTypeDefined(TEAM, first), new TeamEventTypeArchived(TEAM, DEMO))
                .when(new DefineTeamEventTypeCommand(TEAM, first, false))
                .expectException(code("event-type-archived"));
        fixture.given(created())
                .when(new ArchiveTeamEventTypeCommand(TEAM, DEMO))
                .expectException(code("event-type-not-found"));
    }
}
