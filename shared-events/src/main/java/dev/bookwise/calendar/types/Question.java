package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One question an event type asks the attendee. Rules ({@link #validate}): the {@code id} is
 * 1..{@value #MAX_ID_LENGTH} ASCII letters, digits, {@code _} or {@code -} (it is the key of the
 * answers object); the {@code label} is 1..{@value #MAX_LABEL_LENGTH} characters, not blank;
 * {@code select} and {@code multiselect} list 1..{@value #MAX_OPTIONS} distinct, non-blank options
 * of at most {@value #MAX_OPTION_LENGTH} characters; other types list none.
 */
public record Question(String id, String label, QuestionType type, boolean required, List<String> options) {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_LABEL_LENGTH = 200;
    public static final int MAX_OPTIONS = 100;
    public static final int MAX_OPTION_LENGTH = 200;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    public Question {
        // nulls are kept for validate() to name, rather than failing here as List.copyOf would
        options = options == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(options));
    }

    /** @throws BookwiseException invalid-event-type naming the question and the field it breaks */
    public void validate() {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("id '" + id + "' must be 1 to " + MAX_ID_LENGTH + " letters, digits, '_' or '-'");
        }
        if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
            throw invalid("question '" + id + "': label must be 1 to " + MAX_LABEL_LENGTH + " characters");
        }
        if (type == null) {
            throw invalid("question '" + id + "': type is required");
        }
        if (!type.hasOptions()) {
            if (!options.isEmpty()) {
                throw invalid("question '" + id + "': options apply only to select and multiselect questions");
            }
            return;
        }
        if (options.isEmpty() || options.size() > MAX_OPTIONS) {
            throw invalid("question '" + id + "': options must list 1 to " + MAX_OPTIONS + " choices");
        }
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            if (option == null || option.isBlank() || option.length() > MAX_OPTION_LENGTH) {
                throw invalid("question '" + id + "': each option must be 1 to " + MAX_OPTION_LENGTH + " characters");
            }
            if (!seen.add(option)) {
                throw invalid("question '" + id + "': option '" + option + "' is listed twice");
            }
        }
    }

    private static BookwiseException invalid(String detail) {
        return new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "questions: " + detail);
    }
}
