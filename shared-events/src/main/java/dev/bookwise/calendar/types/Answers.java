package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An attendee's answers to an event type's questions, checked and in stored form (see
 * {@link QuestionType#normalize}), keyed by question id in the questions' order. A null value,
 * an empty string and an empty list count as unanswered; unanswered optional questions are left
 * out.
 */
public record Answers(Map<String, Object> values) {

    public static final Answers NONE = new Answers(Map.of());

    public Answers {
        Map<String, Object> stored = new LinkedHashMap<>();
        if (values != null) {
            // JSON reads a stored BigDecimal back as Integer or Double
            values.forEach((id, value) -> stored.put(
                    id,
                    value instanceof Number number && !(value instanceof BigDecimal)
                            ? new BigDecimal(number.toString())
                            : value));
        }
        values = Collections.unmodifiableMap(stored);
    }

    /**
     * @param given the answers as the request carries them (JSON values), or null for none
     * @throws BookwiseException invalid-answers naming the first unknown id, or else the first
     *     question (in the type's order) left unanswered though required or answered wrongly
     */
    public static Answers check(List<Question> questions, Map<String, ?> given) {
        Map<String, ?> answers = given == null ? Map.of() : given;
        for (String id : answers.keySet()) {
            if (questions.stream().noneMatch(question -> question.id().equals(id))) {
                throw invalid("there is no question '" + id + "'");
            }
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        for (Question question : questions) {
            Object value = answers.get(question.id());
            if (unanswered(value)) {
                if (question.required()) {
                    throw invalid("question '" + question.id() + "' is required");
                }
                continue;
            }
            Optional<Object> normalized = question.type().normalize(value, question.options());
            if (normalized.isEmpty()) {
                throw invalid("question '" + question.id() + "' expects "
                        + question.type().expectation());
            }
            stored.put(question.id(), normalized.get());
        }
        return new Answers(stored);
    }

    private static boolean unanswered(Object value) {
        return value == null
                || (value instanceof String text && text.isEmpty())
                || (value instanceof Collection<?> list && list.isEmpty());
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_ANSWERS, detail);
    }
}
