package dev.bookwise.query.eventtype;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bookwise.calendar.types.BookingLimits;
import dev.bookwise.calendar.types.EventType;
import dev.bookwise.calendar.types.Question;
import java.util.List;
import java.util.UUID;

/** An event type as the API shows it (the list, and the calendar as of an instant). */
public record EventTypeView(
        UUID eventTypeId,
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
        BookingLimits limits,
        List<QuestionView> questions,
        int attendeeCancelNoticeMinutes,
        int attendeeRescheduleNoticeMinutes,
        @JsonProperty("public") boolean isPublic,
        boolean archived) {

    public static EventTypeView of(EventTypes.Known known) {
        EventType type = known.type();
        return new EventTypeView(
                type.id(),
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
                type.limits(),
                type.questions().stream().map(QuestionView::of).toList(),
                type.attendeeCancelNoticeMinutes(),
                type.attendeeRescheduleNoticeMinutes(),
                type.isPublic(),
                known.archived());
    }

    /** A question as the API writes it: {@code type} in lowercase ({@code text}, {@code select}, ...). */
    public record QuestionView(String id, String label, String type, boolean required, List<String> options) {

        static QuestionView of(Question question) {
            return new QuestionView(
                    question.id(),
                    question.label(),
                    question.type() == null ? null : question.type().wireName(),
                    question.required(),
                    question.options());
        }
    }
}
