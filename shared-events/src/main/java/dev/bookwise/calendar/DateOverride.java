package dev.bookwise.calendar;

import java.time.LocalDate;
import java.util.List;

/** Replaces the weekly hours of one local date; no hours means a day off. */
public record DateOverride(LocalDate date, List<TimeRange> hours) {

    public DateOverride {
        hours = hours == null ? List.of() : List.copyOf(hours);
    }
}
