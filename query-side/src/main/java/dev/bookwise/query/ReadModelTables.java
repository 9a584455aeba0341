package dev.bookwise.query;

import java.util.List;

/** The read tables, one per projection. A rebuild fills copies named with {@link #REBUILD_SUFFIX}. */
public final class ReadModelTables {

    public static final String HOSTS = "host_view";
    public static final String SCHEDULES = "schedule_view";
    public static final String WINDOWS = "window_view";
    public static final String BOOKINGS = "booking_view";

    public static final List<String> ALL = List.of(HOSTS, SCHEDULES, WINDOWS, BOOKINGS);
    public static final String REBUILD_SUFFIX = "_next";

    private ReadModelTables() {}
}
