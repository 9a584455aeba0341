package dev.bookwise.calendar.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersTest {

    private static final List<Question> QUESTIONS = List.of(
            new Question("phone", "Phone", QuestionType.PHONE, true, null),
            new Question("topic", "Topic", QuestionType.SELECT, false, List.of("sales", "support")),
            new Question("notes", "Notes", QuestionType.TEXT, false, null),
            new Question("email", "Assistant's e-mail", QuestionType.EMAIL, false, null),
            new Question("size", "Team size", QuestionType.NUMBER, false, null),
            new Question("agree", "I agree", QuestionType.BOOLEAN, true, null),
            new Question("tools", "Tools", QuestionType.MULTISELECT, false, List.of("jira", "slack", "git")));

    private static Map<String, Object> answers(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void assertRefused(Map<String, Object> given, String naming) {
        assertThatThrownBy(() -> Answers.check(QUESTIONS, given)).isInstanceOfSatisfying(BookwiseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ANSWERS);
            assertThat(e.detail()).contains("'" + naming + "'");
        });
    }

    @Test
    void validAnswersAreKeptInTheQuestionsOrderAndStoredForm() {
        Answers answers = Answers.check(
                QUESTIONS,
                answers(
                        "tools", List.of("git", "jira"),
                        "agree", false,
                        "size", 12,
                        "email", "pa@example.com",
                        "notes", "Bring the slides",
                        "topic", "sales",
                        "phone", "+33123456789"));

        assertThat(answers.values())
                .containsExactly(
                        Map.entry("phone", "+33123456789"),
                        Map.entry("topic", "sales"),
                        Map.entry("notes", "Bring the slides"),
                        Map.entry("email", "pa@example.com"),
                        Map.entry("size", new BigDecimal("12")),
                        Map.entry("agree", false),
                        Map.entry("tools", List.of("jira", "git")));
    }

    @Test
    void unansweredOptionalQuestionsAreLeftOut() {
        Answers answers = Answers.check(
                QUESTIONS,
                answers("phone", "+4912345678", "agree", true, "notes", "", "tools", List.of(), "size", null));

        assertThat(answers.values()).containsOnlyKeys("phone", "agree");
    }

    @Test
    void aRequiredQuestionLeftUnansweredIsNamed() {
        assertRefused(answers("agree", true), "phone");
        assertRefused(answers("phone", "", "agree", true), "phone");
        assertRefused(answers("phone", "+4912345678"), "agree");
        assertThatThrownBy(() -> Answers.check(QUESTIONS, null))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.detail()).contains("'phone' is required"));
    }

    @Test
    void anUnknownQuestionIsNamed() {
        assertRefused(answers("phone", "+4912345678", "agree", true, "budget", "1M"), "budget");
    }

    @Test
    void noQuestionsTakeNoAnswers() {
        assertThat(Answers.check(List.of(), null)).isEqualTo(Answers.NONE);
        assertThat(Answers.check(List.of(), Map.of())).isEqualTo(Answers.NONE);
    }

    @Test
    void aPhoneIsAPlusAndSevenToFifteenDigits() {
        for (String good : List.of("+1234567", "+123456789012345")) {
            assertThat(Answers.check(QUESTIONS, answers("phone", good, "agree", true))
                            .values())
                    .containsEntry("phone", good);
        }
        for (Object bad : List.of(
                "+123456", "+1234567890123456", "0033123456789", "+33 1 23 45 67 89", "+33-123456", 33123456789L)) {
            assertRefused(answers("phone", bad, "agree", true), "phone");
        }
    }

    @Test
    void eachTypeRefusesAValueOfTheWrongKind() {
        Map<String, Object> valid = answers("phone", "+4912345678", "agree", true);
        List<Map.Entry<String, Object>> wrong = List.of(
                Map.entry("notes", "x".repeat(1001)),
                Map.entry("notes", 42),
                Map.entry("email", "not an email"),
                Map.entry("email", "a@b"),
                Map.entry("email", "a@@b.c"),
                Map.entry("size", "12"),
                Map.entry("size", Double.NaN),
                Map.entry("agree", "true"),
                Map.entry("topic", "Sales"),
                Map.entry("topic", List.of("sales")),
                Map.entry("tools", List.of("jira", "jira")),
                Map.entry("tools", List.of("jira", "email")),
                Map.entry("tools", "jira"),
                Map.entry("tools", Arrays.asList("jira", null)));
        for (Map.Entry<String, Object> answer : wrong) {
            Map<String, Object> given = new HashMap<>(valid);
            given.put(answer.getKey(), answer.getValue());
            assertRefused(given, answer.getKey());
        }
    }

    @Test
    void textUpToAThousandCharactersAndAnyFiniteNumberAreAccepted() {
        Answers answers = Answers.check(
                QUESTIONS, answers("phone", "+4912345678", "agree", true, "notes", "x".repeat(1000), "size", -2.5));

        assertThat(answers.values()).containsEntry("size", new BigDecimal("-2.5"));
        assertThat((String) answers.values().get("notes")).hasSize(1000);
    }

    @Test
    void questionTypesHaveTheContractsNames() {
        assertThat(Arrays.stream(QuestionType.values()).map(QuestionType::wireName))
                .containsExactly("text", "email", "phone", "number", "boolean", "select", "multiselect");
        assertThat(QuestionType.fromWireName("multiselect")).isEqualTo(QuestionType.MULTISELECT);
        assertThatThrownBy(() -> QuestionType.fromWireName("date"))
                .isInstanceOfSatisfying(
                        BookwiseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT_TYPE));
    }
}
