package dev.bookwise.query;

import java.util.List;

/** The query side's processing groups, one per read table. */
public final class ProjectionGroups {

    public static final String HOSTS = "host-view";
    public static final String SCHEDULES = "schedule-view";
    public static final String WINDOWS = "window-view";
    public static final String BOOKINGS = "booking-view";

    public static final List<String> ALL = List.of(HOSTS, SCHEDULES, WINDOWS, BOOKINGS);

    private ProjectionGroups() {}
}
