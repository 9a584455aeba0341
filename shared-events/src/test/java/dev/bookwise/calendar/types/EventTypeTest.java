package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.calendar.Schedule;
import dev.bookwise.calendar.TimeRange;
import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

    private static void assertInvalid(EventType type, String naming) {
        assertThatThrownBy(type::validate).isInstanceOfSatisfying(BookwiseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT_TYPE);
            assertThat(e.detail()).contains(naming);
        });
    }

    @Test
    void theContractsExampleIsValid() {
        assertThatCode(() -> EventTypeDraft.intro().validate()).doesNotThrowAnyException();
    }

    @Test
    void absentValuesTakeTheContractsDefaults() {
        EventType minimal = new EventType(
                ID, "chat", "Chat", 30, null, null, null, null, null, null, null, null, null, null, null, false);

        assertThat(minimal.slotIntervalMinutes()).isEqualTo(30);
        assertThat(minimal.scheduleId()).isNull();
        assertThat(minimal.seats()).isEqualTo(1);
        assertThat(minimal.limits()).isEqualTo(BookingLimits.NONE);
        assertThat(minimal.questions()).isEmpty();
        assertThat(minimal.bufferBeforeMinutes()).isZero();
        assertThat(minimal.bufferAfterMinutes()).isZero();
        assertThat(minimal.minimumNoticeMinutes()).isZero();
        assertThat(minimal.horizonDays()).isEqualTo(EventType.DEFAULT_HORIZON_DAYS);
        assertThat(minimal.attendeeCancelNoticeMinutes()).isZero();
        assertThat(minimal.attendeeRescheduleNoticeMinutes()).isZero();
        assertThat(minimal.isPublic()).isFalse();
        assertThatCode(minimal::validate).doesNotThrowAnyException();
    }

    @Test
    void theDefaultTypeOfAPartOneScheduleLastsItsSlotWithItsBuffersNoticeAndHorizon() {
        Schedule schedule = new Schedule(
                "Europe/Paris",
                3,
                5,
                10,
                120,
                Schedule.MAX_HORIZON_DAYS,
                Map.of(DayOfWeek.MONDAY, List.of(new TimeRange("09:00", "17:00"))),
                List.of());

        EventType type = EventType.defaultFor(ID, schedule);

        assertThat(type.slug()).isEqualTo("default");
        assertThat(type.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(type.slotInterval()).isEqualTo(Duration.ofMinutes(3));
        assertThat(type.bufferBefore()).isEqualTo(Duration.ofMinutes(5));
        assertThat(type.bufferAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(type.leadTime()).isEqualTo(schedule.leadTime());
        assertThat(type.seats()).isEqualTo(1);
        assertThat(type.scheduleId()).isNull();
        // whatever Part 1 accepted stays a valid type
        assertThatCode(type::validate).doesNotThrowAnyException();
    }

    @Test
    void aSlugIsLowercaseWordsJoinedBySingleHyphens() {
        assertThatCode(() -> EventTypeDraft.intro(t -> t.slug = "a").validate()).doesNotThrowAnyException();
        assertThatCode(() -> EventTypeDraft.intro(t -> t.slug = "30-min-call-2").validate())
                .doesNotThrowAnyException();
        assertThatCode(() -> EventTypeDraft.intro(t -> t.slug = "x".repeat(64)).validate())
                .doesNotThrowAnyException();
        for (String bad :
                List.of("", "Intro", "intro call", "-intro", "intro-", "in--tro", "intro_call", "é", "x".repeat(65))) {
            assertInvalid(EventTypeDraft.intro(t -> t.slug = bad), "slug");
        }
        assertInvalid(EventTypeDraft.intro(t -> t.slug = null), "slug");
    }

    @Test
    void eachBoundNamesItsField() {
        assertInvalid(EventTypeDraft.intro(t -> t.id = null), "id");
        assertInvalid(EventTypeDraft.intro(t -> t.title = " "), "title");
        assertInvalid(EventTypeDraft.intro(t -> t.title = "t".repeat(201)), "title");
        assertInvalid(EventTypeDraft.intro(t -> t.durationMinutes = null), "durationMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.durationMinutes = 0), "durationMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.durationMinutes = 1441), "durationMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.slotIntervalMinutes = 0), "slotIntervalMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.slotIntervalMinutes = 1441), "slotIntervalMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.bufferBeforeMinutes = -1), "bufferBeforeMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.bufferAfterMinutes = 1441), "bufferAfterMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.minimumNoticeMinutes = 525_601), "minimumNoticeMinutes");
        assertInvalid(EventTypeDraft.intro(t -> t.horizonDays = 0), "horizonDays");
        assertInvalid(EventTypeDraft.intro(t -> t.horizonDays = 1096), "horizonDays");
        assertInvalid(EventTypeDraft.intro(t -> t.seats = 0), "seats");
        assertInvalid(EventTypeDraft.intro(t -> t.seats = 1001), "seats");
        assertInvalid(EventTypeDraft.intro(t -> t.limits = new BookingLimits(0, null)), "limits.perDay");
        assertInvalid(EventTypeDraft.intro(t -> t.limits = new BookingLimits(null, -2)), "limits.perWeek");
        assertInvalid(EventTypeDraft.intro(t -> t.attendeeCancelNoticeMinutes = -1), "attendeeCancelNoticeMinutes");
        assertInvalid(
                EventTypeDraft.intro(t -> t.attendeeRescheduleNoticeMinutes = 525_601),
                "attendeeRescheduleNoticeMinutes");
    }

    @Test
    void theLargestValuesInsideTheBoundsAreValid() {
        EventType largest = EventTypeDraft.intro(t -> {
            t.durationMinutes = 1440;
            t.slotIntervalMinutes = 1440;
            t.bufferBeforeMinutes = 1440;
            t.bufferAfterMinutes = 1440;
            t.minimumNoticeMinutes = 525_600;
            t.horizonDays = 1095;
            t.seats = 1000;
            t.limits = new BookingLimits(1, 1);
            t.attendeeCancelNoticeMinutes = 525_600;
            t.attendeeRescheduleNoticeMinutes = 525_600;
        });
        assertThatCode(largest::validate).doesNotThrowAnyException();
    }

    @Test
    void questionsAreAtMostFiftyWithDistinctIds() {
        Question text = new Question("q", "Q", QuestionType.TEXT, false, null);
        List<Question> fifty = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new Question("q" + i, "Q", QuestionType.TEXT, false, null))
                .toList();
        assertThatCode(() -> EventTypeDraft.intro(t -> t.questions = fifty).validate())
                .doesNotThrowAnyException();
        List<Question> fiftyOne = new java.util.ArrayList<>(fifty);
        fiftyOne.add(text);
        assertInvalid(EventTypeDraft.intro(t -> t.questions = fiftyOne), "at most 50");
        assertInvalid(EventTypeDraft.intro(t -> t.questions = List.of(text, text)), "'q' is used twice");
        assertInvalid(EventTypeDraft.intro(t -> t.questions = Collections.singletonList(null)), "questions");
    }

    @Test
    void aQuestionNamesWhatIsWrongWithIt() {
        assertInvalid(
                EventTypeDraft.intro(
                        t -> t.questions = List.of(new Question("has space", "Q", QuestionType.TEXT, false, null))),
                "has space");
        assertInvalid(
                EventTypeDraft.intro(t -> t.questions = List.of(new Question("q", "", QuestionType.TEXT, false, null))),
                "'q': label");
        assertInvalid(
                EventTypeDraft.intro(t -> t.questions = List.of(new Question("q", "Q", null, false, null))),
                "'q': type");
        assertInvalid(
                EventTypeDraft.intro(
                        t -> t.questions = List.of(new Question("q", "Q", QuestionType.SELECT, false, List.of()))),
                "'q': options");
        assertInvalid(
                EventTypeDraft.intro(t -> t.questions =
                        List.of(new Question("q", "Q", QuestionType.MULTISELECT, false, List.of("a", "a")))),
                "'a' is listed twice");
        assertInvalid(
                EventTypeDraft.intro(t -> t.questions = List.of(
                        new Question("q", "Q", QuestionType.SELECT, false, java.util.Arrays.asList("a", null)))),
                "'q': each option");
        assertInvalid(
                EventTypeDraft.intro(
                        t -> t.questions = List.of(new Question("q", "Q", QuestionType.NUMBER, false, List.of("1")))),
                "'q': options apply only");
    }

    @Test
    void aTypeIsSeatedFromTwoSeats() {
        assertThat(EventTypeDraft.intro(t -> t.seats = 1).seated()).isFalse();
        assertThat(EventTypeDraft.intro(t -> t.seats = 2).seated()).isTrue();
    }
}
