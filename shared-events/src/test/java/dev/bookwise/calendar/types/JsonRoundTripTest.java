package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event types, answers and counts go into events and snapshots as JSON and must come back equal. */
class JsonRoundTripTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void anEventTypeComesBackEqualWithOnlyItsOwnFields() throws Exception {
        EventType type = EventTypeDraft.intro(t -> {
            t.seats = 4;
            t.isPublic = true;
            t.questions = List.of(
                    new Question("phone", "Phone", QuestionType.PHONE, true, null),
                    new Question("tools", "Tools", QuestionType.MULTISELECT, false, List.of("jira", "git")));
        });

        String written = json.writeValueAsString(type);
        JsonNode tree = json.readTree(written);

        assertThat(json.readValue(written, EventType.class)).isEqualTo(type);
        assertThat(tree.get("isPublic").asBoolean()).isTrue();
        assertThat(tree.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id",
                        "slug",
                        "title",
                        "durationMinutes",
                        "slotIntervalMinutes",
                        "scheduleId",
                        "bufferBeforeMinutes",
                        "bufferAfterMinutes",
                        "minimumNoticeMinutes",
                        "horizonDays",
                        "seats",
                        "limits",
                        "questions",
                        "attendeeCancelNoticeMinutes",
                        "attendeeRescheduleNoticeMinutes",
                        "isPublic");
        assertThat(tree.get("limits").fieldNames()).toIterable().containsExactlyInAnyOrder("perDay", "perWeek");
        assertThat(tree.get("questions").get(0).fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "label", "type", "required", "options");
    }

    @Test
    void anEventTypeStoredWithoutTheLaterFieldsReadsWithTheirDefaults() throws Exception {
        String older = """
                {"id": "00000000-0000-0000-0000-0000000000e1", "slug": "chat", "title": "Chat", "durationMinutes": 20}
                """;

        EventType type = json.readValue(older, EventType.class);

        assertThat(type.slotIntervalMinutes()).isEqualTo(20);
        assertThat(type.seats()).isEqualTo(1);
        assertThat(type.horizonDays()).isEqualTo(EventType.DEFAULT_HORIZON_DAYS);
        assertThat(type.limits()).isEqualTo(BookingLimits.NONE);
        assertThat(type.questions()).isEmpty();
    }

    @Test
    void countsComeBackEqual() throws Exception {
        UUID call = UUID.randomUUID();
        BookingCounts counts = BookingCounts.NONE
                .plus(call, LocalDate.parse("2024-03-11"))
                .plus(call, LocalDate.parse("2024-03-11"))
                .plus(UUID.randomUUID(), LocalDate.parse("2024-03-17"));

        BookingCounts read = json.readValue(json.writeValueAsString(counts), BookingCounts.class);

        assertThat(read).isEqualTo(counts);
        assertThat(read.inWeekOf(call, LocalDate.parse("2024-03-13"))).isEqualTo(2);
    }

    @Test
    void answersAndMetadataComeBackEqual() throws Exception {
        Answers answers = Answers.check(
                List.of(
                        new Question("topic", "Topic", QuestionType.SELECT, true, List.of("sales", "support")),
                        new Question("agree", "Agree", QuestionType.BOOLEAN, true, null),
                        new Question("tools", "Tools", QuestionType.MULTISELECT, false, List.of("jira", "git")),
                        new Question("size", "Size", QuestionType.NUMBER, false, null),
                        new Question("share", "Share", QuestionType.NUMBER, false, null)),
                Map.of("topic", "sales", "agree", true, "tools", List.of("git"), "size", 12, "share", 0.25));
        Metadata metadata = Metadata.check(Map.of("crmId", "42"));

        assertThat(json.readValue(json.writeValueAsString(answers), Answers.class))
                .isEqualTo(answers);
        assertThat(json.readValue(json.writeValueAsString(metadata), Metadata.class))
                .isEqualTo(metadata);
    }
}
