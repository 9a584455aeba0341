package dev.bookwise.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.booking.BookingProjection;
import dev.bookwise.query.busy.BusyTimeProjection;
import dev.bookwise.query.calendar.ScheduleProjection;
import dev.bookwise.query.calendar.WindowProjection;
import dev.bookwise.query.eventtype.EventTypeProjection;
import dev.bookwise.query.host.HostProjection;
import dev.bookwise.query.projection.ProjectionWrites;
import dev.bookwise.query.projection.ReadModel;
import dev.bookwise.query.team.TeamEventTypeProjection;
import dev.bookwise.query.team.TeamProjection;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live projections on the live tables; {@link #projections} also makes them for a rebuild's tables. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfig {

    /** The processors' writes, sent in batches when each processor's unit of work commits. */
    @Bean
    ProjectionWrites projectionWrites(JdbcTemplate jdbc) {
        return ProjectionWrites.perUnitOfWork(jdbc);
    }

    @Bean
    HostProjection hostProjection(ProjectionWrites writes) {
        return new HostProjection(writes, ReadModel.HOSTS.table());
    }

    @Bean
    ScheduleProjection scheduleProjection(ProjectionWrites writes, ObjectMapper json) {
        return new ScheduleProjection(writes, json, ReadModel.SCHEDULES.table(), ReadModel.NAMED_SCHEDULES.table());
    }

    @Bean
    WindowProjection windowProjection(ProjectionWrites writes) {
        return new WindowProjection(writes, ReadModel.WINDOWS.table());
    }

    @Bean
    BookingProjection bookingProjection(ProjectionWrites writes, ObjectMapper json) {
        return new BookingProjection(writes, json, ReadModel.BOOKINGS.table(), ReadModel.BOOKING_MEMBERS.table());
    }

    @Bean
    EventTypeProjection eventTypeProjection(ProjectionWrites writes, ObjectMapper json) {
        return new EventTypeProjection(writes, json, ReadModel.EVENT_TYPES.table());
    }

    @Bean
    TeamProjection teamProjection(ProjectionWrites writes, ObjectMapper json) {
        return new TeamProjection(writes, json, ReadModel.TEAMS.table());
    }

    @Bean
    TeamEventTypeProjection teamEventTypeProjection(ProjectionWrites writes, ObjectMapper json) {
        return new TeamEventTypeProjection(writes, json, ReadModel.TEAM_EVENT_TYPES.table());
    }

    @Bean
    BusyTimeProjection busyTimeProjection(ProjectionWrites writes) {
        return new BusyTimeProjection(writes, ReadModel.BUSY_TIMES.table());
    }

    /** A full set of projections writing to the tables {@code naming} gives for each live table name. */
    public static List<Object> projections(ProjectionWrites writes, ObjectMapper json, UnaryOperator<String> naming) {
        return List.of(
                new HostProjection(writes, naming.apply(ReadModel.HOSTS.table())),
                new ScheduleProjection(
                        writes,
                        json,
                        naming.apply(ReadModel.SCHEDULES.table()),
                        naming.apply(ReadModel.NAMED_SCHEDULES.table())),
                new WindowProjection(writes, naming.apply(ReadModel.WINDOWS.table())),
                new BookingProjection(
                        writes,
                        json,
                        naming.apply(ReadModel.BOOKINGS.table()),
                        naming.apply(ReadModel.BOOKING_MEMBERS.table())),
                new EventTypeProjection(writes, json, naming.apply(ReadModel.EVENT_TYPES.table())),
                new TeamProjection(writes, json, naming.apply(ReadModel.TEAMS.table())),
                new TeamEventTypeProjection(writes, json, naming.apply(ReadModel.TEAM_EVENT_TYPES.table())),
                new BusyTimeProjection(writes, naming.apply(ReadModel.BUSY_TIMES.table())));
    }
}
