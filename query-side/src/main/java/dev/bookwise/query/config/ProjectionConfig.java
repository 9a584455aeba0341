package dev.bookwise.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bookwise.query.ReadModelTables;
import dev.bookwise.query.booking.BookingProjection;
import dev.bookwise.query.calendar.ScheduleProjection;
import dev.bookwise.query.calendar.WindowProjection;
import dev.bookwise.query.host.HostProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.UnaryOperator;

/** The live projections on the live tables; {@link #projections} also makes them for a rebuild's tables. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfig {

    @Bean
    HostProjection hostProjection(JdbcTemplate jdbc) {
        return new HostProjection(jdbc, ReadModelTables.HOSTS);
    }

    @Bean
    ScheduleProjection scheduleProjection(JdbcTemplate jdbc, ObjectMapper json) {
        return new ScheduleProjection(jdbc, json, ReadModelTables.SCHEDULES);
    }

    @Bean
    WindowProjection windowProjection(JdbcTemplate jdbc) {
        return new WindowProjection(jdbc, ReadModelTables.WINDOWS);
    }

    @Bean
    BookingProjection bookingProjection(JdbcTemplate jdbc) {
        return new BookingProjection(jdbc, ReadModelTables.BOOKINGS);
    }

    /** A full set of projections writing to the tables {@code naming} gives for each live table name. */
    public static List<Object> projections(JdbcTemplate jdbc, ObjectMapper json, UnaryOperator<String> naming) {
        return List.of(new HostProjection(jdbc, naming.apply(ReadModelTables.HOSTS)),
                new ScheduleProjection(jdbc, json, naming.apply(ReadModelTables.SCHEDULES)),
                new WindowProjection(jdbc, naming.apply(ReadModelTables.WINDOWS)),
                new BookingProjection(jdbc, naming.apply(ReadModelTables.BOOKINGS)));
    }
}
