package dev.bookwise.command.eventtype;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Question;
import dev.bookwise.calendar.types.QuestionType;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A kind of meeting as a host defines it; omitted fields take the documented defaults
 * ({@link EventType}). Bounds are checked by {@link EventType#validate()} (400 invalid-event-type).
 */
record EventTypeRequest(
        @Size(max = 64) String slug,
        @Size(max = 200) String title,
        Integer durationMinutes,
        Integer slotIntervalMinutes,
        UUID scheduleId,
        Integer bufferBeforeMinutes,
        Integer bufferAfterMinutes,
        Integer minimumNoticeMinutes,
        Integer horizonDays,
        Integer seats,
        Limits limits,
        @Size(max = EventType.MAX_QUESTIONS) List<@Valid QuestionRequest> questions,
        Integer attendeeCancelNoticeMinutes,
        Integer attendeeRescheduleNoticeMinutes,
        @JsonProperty("public") Boolean isPublic,
        @Size(max = 20) String assignment,
        @Size(max = 100) List<@NotNull UUID> members) {

    record Limits(Integer perDay, Integer perWeek) {}

    record QuestionRequest(
            @Size(max = 64) String id,
            @Size(max = 200) String label,
            @Size(max = 20) String type,
            Boolean required,
            @Size(max = Question.MAX_OPTIONS) List<@Size(max = Question.MAX_OPTION_LENGTH) String> options) {

        Question toQuestion() {
            if (type == null) {
                throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "question '" + id + "': type is required");
            }
            return new Question(id, label, QuestionType.fromWireName(type), Boolean.TRUE.equals(required), options);
        }
    }

    /** A host's own type: the team fields do not apply. */
    EventType toHostEventType(UUID id) {
        if (assignment != null || members != null) {
            throw new BookwiseException(
                    ErrorCode.INVALID_EVENT_TYPE, "assignment and members are fields of a team's event type");
        }
        return toEventType(id);
    }

    TeamEventType toTeamEventType(UUID id) {
        if (assignment == null) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "assignment: ROUND_ROBIN or COLLECTIVE");
        }
        Assignment kind;
        try {
            kind = Assignment.valueOf(assignment);
        } catch (IllegalArgumentException e) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "assignment: ROUND_ROBIN or COLLECTIVE");
        }
        return new TeamEventType(toEventType(id), kind, members);
    }

    private EventType toEventType(UUID id) {
        if (durationMinutes == null) {
            throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "durationMinutes is required");
        }
        EventType type = new EventType(
                id,
                slug,
                title,
                durationMinutes,
                slotIntervalMinutes,
                scheduleId,
                bufferBeforeMinutes,
                bufferAfterMinutes,
                minimumNoticeMinutes,
                horizonDays,
                seats,
                limits == null ? null : new BookingLimits(limits.perDay(), limits.perWeek()),
                questions == null
                        ? null
                        : questions.stream().map(QuestionRequest::toQuestion).toList(),
                attendeeCancelNoticeMinutes,
                attendeeRescheduleNoticeMinutes,
                Boolean.TRUE.equals(isPublic));
        type.validate();
        return type;
    }
}
