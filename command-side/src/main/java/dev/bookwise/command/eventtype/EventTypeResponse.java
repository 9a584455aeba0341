package dev.bookwise.command.eventtype;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bookwise.calendar.teams.Assignment;
import dev.bookwise.calendar.teams.TeamEventType;
import dev.bookwise.calendar.types.EventType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An event type as the API shows it (question types by their wire names). */
record EventTypeResponse(
        UUID eventTypeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID hostId,
        String slug,
        String title,
        int durationMinutes,
        int slotIntervalMinutes,
        UUID scheduleId,
        int bufferBeforeMinutes,
        int bufferAfterMinutes,
        int minimumNoticeMinutes,
        int horizonDays,
        int seats,
        Map<String, Integer> limits,
        List<Map<String, Object>> questions,
        int attendeeCancelNoticeMinutes,
        int attendeeRescheduleNoticeMinutes,
        @JsonProperty("public") boolean isPublic,
        boolean archived,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID teamId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Assignment assignment,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> members) {

    static EventTypeResponse ofTeam(UUID teamId, TeamEventType teamType, boolean archived) {
        EventTypeResponse plain = of((UUID) null, teamType.eventType(), archived);
        return new EventTypeResponse(
                plain.eventTypeId(),
                null,
                plain.slug(),
                plain.title(),
                plain.durationMinutes(),
                plain.slotIntervalMinutes(),
                null,
                plain.bufferBeforeMinutes(),
                plain.bufferAfterMinutes(),
                plain.minimumNoticeMinutes(),
                plain.horizonDays(),
                plain.seats(),
                plain.limits(),
                plain.questions(),
                plain.attendeeCancelNoticeMinutes(),
                plain.attendeeRescheduleNoticeMinutes(),
                plain.isPublic(),
                archived,
                teamId,
                teamType.assignment(),
                teamType.members());
    }

    static EventTypeResponse of(UUID hostId, EventType type, boolean archived) {
        Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        if (type.limits().perDay() != null) {
            limits.put("perDay", type.limits().perDay());
        }
        if (type.limits().perWeek() != null) {
            limits.put("perWeek", type.limits().perWeek());
        }
        List<Map<String, Object>> questions = type.questions().stream()
                .map(q -> {
                    Map<String, Object> question = new java.util.LinkedHashMap<>();
                    question.put("id", q.id());
                    question.put("label", q.label());
                    question.put("type", q.type().wireName());
                    question.put("required", q.required());
                    if (!q.options().isEmpty()) {
                        question.put("options", q.options());
                    }
                    return question;
                })
                .toList();
        return new EventTypeResponse(
                type.id(),
                hostId,
                type.slug(),
                type.title(),
                type.durationMinutes(),
                type.slotIntervalMinutes(),
                type.scheduleId(),
                type.bufferBeforeMinutes(),
                type.bufferAfterMinutes(),
                type.minimumNoticeMinutes(),
                type.horizonDays(),
                type.seats(),
                limits,
                questions,
                type.attendeeCancelNoticeMinutes(),
                type.attendeeRescheduleNoticeMinutes(),
                type.isPublic(),
                archived,
                null,
                null,
                null);
    }
}
