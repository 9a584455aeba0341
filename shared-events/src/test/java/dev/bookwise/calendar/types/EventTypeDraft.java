package dev.bookwise.calendar.types;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Test data: an event type as named, changeable fields, starting from the contract's intro call. */
final class EventTypeDraft {

    UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    String slug = "intro";
    String title = "Intro call";
    Integer durationMinutes = 15;
    Integer slotIntervalMinutes = 15;
    UUID scheduleId = null;
    Integer bufferBeforeMinutes = 0;
    Integer bufferAfterMinutes = 10;
    Integer minimumNoticeMinutes = 120;
    Integer horizonDays = 60;
    Integer seats = 1;
    BookingLimits limits = new BookingLimits(4, 10);
    List<Question> questions = List.of(
            new Question("phone", "Phone", QuestionType.PHONE, true, null),
            new Question("topic", "Topic", QuestionType.SELECT, false, List.of("sales", "support")));
    Integer attendeeCancelNoticeMinutes = 1440;
    Integer attendeeRescheduleNoticeMinutes = 1440;
    boolean isPublic = false;

    static EventType intro() {
        return new EventTypeDraft().build();
    }

    static EventType intro(Consumer<EventTypeDraft> change) {
        EventTypeDraft draft = new EventTypeDraft();
        change.accept(draft);
        return draft.build();
    }

    EventType build() {
        return new EventType(
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
                limits,
                questions,
                attendeeCancelNoticeMinutes,
                attendeeRescheduleNoticeMinutes,
                isPublic);
    }
}
