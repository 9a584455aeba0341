package dev.bookwise.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.ProjectionWrites;
import dev.bookwise.query.ReadModelTables;
import dev.bookwise.query.booking.BookingProjection;
import dev.bookwise.query.calendar.ScheduleProjection;
import dev.bookwise.query.calendar.WindowProjection;
import dev.bookwise.query.host.HostProjection;
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
        return new HostProjection(writes, ReadModelTables.HOSTS);
    }

    @Bean
    ScheduleProjection scheduleProjection(ProjectionWrites writes, ObjectMapper json) {
        return new ScheduleProjection(writes, json, ReadModelTables.SCHEDULES);
    }

    @Bean
    WindowProjection windowProjection(ProjectionWrites writes) {
        return new WindowProjection(writes, ReadModelTables.WINDOWS);
    }

    @Bean
    BookingProjection bookingProjection(ProjectionWrites writes) {
        return new BookingProjection(writes, ReadModelTables.BOOKINGS);
    }

    /** A full set of projections writing to the tables {@code naming} gives for each live table name. */
    public static List<Object> projections(ProjectionWrites writes, ObjectMapper json, UnaryOperator<String> naming) {
        return List.of(
                new HostProjection(writes, naming.apply(ReadModelTables.HOSTS)),
                new ScheduleProjection(writes, json, naming.apply(ReadModelTables.SCHEDULES)),
                new WindowProjection(writes, naming.apply(ReadModelTables.WINDOWS)),
                new BookingProjection(writes, naming.apply(ReadModelTables.BOOKINGS)));
    }
}
