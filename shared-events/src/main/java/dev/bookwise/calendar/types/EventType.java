package dev.bookwise.calendar.types;

import dev.bookwise.calendar.LeadTime;
import dev.bookwise.calendar.Schedule;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A kind of meeting a host offers: how long it lasts, how often a slot starts, which schedule's
 * hours it uses, the buffers around it, how far ahead it can be booked, how many attendees share
 * a slot, the limits per day and week, the questions asked and the attendee's notices.
 *
 * <p>The contract's defaults are applied on construction, so that a value missing from a request
 * or from an event stored by an older version reads as its default: {@code slotIntervalMinutes} =
 * {@code durationMinutes}, {@code scheduleId} null = the host's default schedule, {@code seats} 1,
 * no limits, no questions, buffers, minimum notice and attendee notices 0, {@code horizonDays}
 * {@value #DEFAULT_HORIZON_DAYS}.
 *
 * <p>{@link #validate} holds the bounds; durations, buffers, notice and horizon share those of a
 * Part 1 {@link Schedule}, so that the default type derived from any valid schedule is valid:
 *
 * <ul>
 *   <li>{@code slug}: 1..{@value #MAX_SLUG_LENGTH} lowercase ASCII letters and digits in words joined
 *       by single hyphens ({@code intro-call}); no leading, trailing or doubled hyphen;
 *   <li>{@code title}: 1..{@value #MAX_TITLE_LENGTH} characters, not blank;
 *   <li>{@code durationMinutes}, {@code slotIntervalMinutes}: 1..1440;
 *   <li>{@code bufferBeforeMinutes}, {@code bufferAfterMinutes}: 0..1440;
 *   <li>{@code minimumNoticeMinutes}, {@code attendeeCancelNoticeMinutes},
 *       {@code attendeeRescheduleNoticeMinutes}: 0..525600 (a year);
 *   <li>{@code horizonDays}: 1..1095;
 *   <li>{@code seats}: 1..{@value #MAX_SEATS};
 *   <li>{@code limits.perDay}, {@code limits.perWeek}: absent or at least 1;
 *   <li>{@code questions}: at most {@value #MAX_QUESTIONS}, distinct ids, each valid ({@link Question}).
 * </ul>
 */
public record EventType(
        UUID id,
        String slug,
        String title,
        Integer durationMinutes,
        Integer slotIntervalMinutes,
        UUID scheduleId,
        Integer bufferBeforeMinutes,
        Integer bufferAfterMinutes,
        Integer minimumNoticeMinutes,
        Integer horizonDays,
        Integer seats,
        BookingLimits limits,
        List<Question> questions,
        Integer attendeeCancelNoticeMinutes,
        Integer attendeeRescheduleNoticeMinutes,
        boolean isPublic) {

    public static final String DEFAULT_SLUG = "default";
    public static final int DEFAULT_HORIZON_DAYS = 60;
    public static final int MAX_SLUG_LENGTH = 64;
    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_SEATS = 1000;
    public static final int MAX_QUESTIONS = 50;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public EventType {
        slotIntervalMinutes = slotIntervalMinutes == null ? durationMinutes : slotIntervalMinutes;
        bufferBeforeMinutes = orZero(bufferBeforeMinutes);
        bufferAfterMinutes = orZero(bufferAfterMinutes);
        minimumNoticeMinutes = orZero(minimumNoticeMinutes);
        horizonDays = horizonDays == null ? DEFAULT_HORIZON_DAYS : horizonDays;
        seats = seats == null ? 1 : seats;
        limits = limits == null ? BookingLimits.NONE : limits;
        // nulls are kept for validate() to name, rather than failing here as List.copyOf would
        questions = questions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(questions));
        attendeeCancelNoticeMinutes = orZero(attendeeCancelNoticeMinutes);
        attendeeRescheduleNoticeMinutes = orZero(attendeeRescheduleNoticeMinutes);
    }

    /**
     * The type a Part 1 schedule defines: slug {@value #DEFAULT_SLUG}, slots of the schedule's
     * {@code slotMinutes} starting every {@code slotMinutes}, its buffers, notice and horizon, on
     * the host's default schedule.
     */
    /** The id of a host's default type: the same on every replay, with no event to carry it. */
    public static UUID defaultIdFor(UUID hostId) {
        return UUID.nameUUIDFromBytes(("bookwise:default-event-type:" + hostId).getBytes(StandardCharsets.UTF_8));
    }

    public static EventType defaultFor(UUID id, Schedule schedule) {
        return new EventType(
                id,
                DEFAULT_SLUG,
                "Default",
                schedule.slotMinutes(),
                schedule.slotMinutes(),
                null,
                schedule.bufferBeforeMinutes(),
                schedule.bufferAfterMinutes(),
                schedule.minimumNoticeMinutes(),
                schedule.horizonDays(),
                1,
                BookingLimits.NONE,
                List.of(),
                0,
                0,
                false);
    }

    /** @throws BookwiseException invalid-event-type naming the first field that breaks its rule */
    public void validate() {
        if (id == null) {
            throw invalid("id is required");
        }
        if (slug == null
                || slug.length() > MAX_SLUG_LENGTH
                || !SLUG.matcher(slug).matches()) {
            throw invalid("slug '" + slug + "' must be 1 to " + MAX_SLUG_LENGTH
                    + " lowercase letters and digits, words joined by single hyphens");
        }
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
            throw invalid("title must be 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        requireBetween("durationMinutes", durationMinutes, 1, Schedule.MAX_SLOT_MINUTES);
        requireBetween("slotIntervalMinutes", slotIntervalMinutes, 1, Schedule.MAX_SLOT_MINUTES);
        requireBetween("bufferBeforeMinutes", bufferBeforeMinutes, 0, Schedule.MAX_BUFFER_MINUTES);
        requireBetween("bufferAfterMinutes", bufferAfterMinutes, 0, Schedule.MAX_BUFFER_MINUTES);
        requireBetween("minimumNoticeMinutes", minimumNoticeMinutes, 0, Schedule.MAX_NOTICE_MINUTES);
        requireBetween("horizonDays", horizonDays, 1, Schedule.MAX_HORIZON_DAYS);
        requireBetween("seats", seats, 1, MAX_SEATS);
        if (limits.perDay() != null) {
            requireBetween("limits.perDay", limits.perDay(), 1, Integer.MAX_VALUE);
        }
        if (limits.perWeek() != null) {
            requireBetween("limits.perWeek", limits.perWeek(), 1, Integer.MAX_VALUE);
        }
        if (questions.size() > MAX_QUESTIONS) {
            throw invalid("questions: at most " + MAX_QUESTIONS + " questions");
        }
        Set<String> ids = new HashSet<>();
        for (Question question : questions) {
            if (question == null) {
                throw invalid("questions: a question is empty");
            }
            question.validate();
            if (!ids.add(question.id())) {
                throw invalid("questions: id '" + question.id() + "' is used twice");
            }
        }
        requireBetween("attendeeCancelNoticeMinutes", attendeeCancelNoticeMinutes, 0, Schedule.MAX_NOTICE_MINUTES);
        requireBetween(
                "attendeeRescheduleNoticeMinutes", attendeeRescheduleNoticeMinutes, 0, Schedule.MAX_NOTICE_MINUTES);
    }

    /** Bookings of a seated type (more than one seat) at the same start share the slot. */
    public boolean seated() {
        return seats > 1;
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Duration slotInterval() {
        return Duration.ofMinutes(slotIntervalMinutes);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }

    public LeadTime leadTime() {
        return new LeadTime(minimumNoticeMinutes, horizonDays);
    }

    private static int orZero(Integer minutes) {
        return minutes == null ? 0 : minutes;
    }

    private static void requireBetween(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw invalid(field + " must be between " + min + " and " + max);
        }
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, detail);
    }
}
