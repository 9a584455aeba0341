package dev.bookwise.query.projection;

import java.util.Arrays;
import java.util.List;

/**
 * The read models: each is one table, filled by one projection in its own processing group (the
 * schedules' group fills two: the default schedule and the named ones; the bookings' group fills
 * booking_view and the members of collective bookings; the teams' group the teams and their event
 * types, each table by its own projection). A
 * rebuild fills copies of the tables named with {@link #REBUILD_SUFFIX}.
 */
public enum ReadModel {
    HOSTS(ReadModel.HOSTS_GROUP, "host_view"),
    SCHEDULES(ReadModel.SCHEDULES_GROUP, "schedule_view"),
    NAMED_SCHEDULES(ReadModel.SCHEDULES_GROUP, "named_schedule_view"),
    WINDOWS(ReadModel.WINDOWS_GROUP, "window_view"),
    BOOKINGS(ReadModel.BOOKINGS_GROUP, "booking_view"),
    BOOKING_MEMBERS(ReadModel.BOOKINGS_GROUP, "booking_member"),
    EVENT_TYPES(ReadModel.EVENT_TYPES_GROUP, "event_type_view"),
    TEAMS(ReadModel.TEAMS_GROUP, "team_view"),
    TEAM_EVENT_TYPES(ReadModel.TEAMS_GROUP, "team_event_type_view"),
    BUSY_TIMES(ReadModel.BUSY_TIMES_GROUP, "busy_time_view");

    // the processing groups' names, as constants for @ProcessingGroup
    public static final String HOSTS_GROUP = "host-view";
    public static final String SCHEDULES_GROUP = "schedule-view";
    public static final String WINDOWS_GROUP = "window-view";
    public static final String BOOKINGS_GROUP = "booking-view";
    public static final String EVENT_TYPES_GROUP = "event-type-view";
    public static final String TEAMS_GROUP = "team-view";
    public static final String BUSY_TIMES_GROUP = "busy-time-view";

    public static final String REBUILD_SUFFIX = "_next";

    private final String group;
    private final String table;

    ReadModel(String group, String table) {
        this.group = group;
        this.table = table;
    }

    public String group() {
        return group;
    }

    public String table() {
        return table;
    }

    public static List<String> groups() {
        return Arrays.stream(values()).map(ReadModel::group).distinct().toList();
    }

    public static List<String> tables() {
        return Arrays.stream(values()).map(ReadModel::table).toList();
    }
}
