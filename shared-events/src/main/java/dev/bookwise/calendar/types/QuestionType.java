package dev.bookwise.calendar.types;

import dev.bookwise.errors.BookwiseException;
import dev.bookwise.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of question an event type may ask, each with the rule its answer follows. Answers
 * arrive as JSON values: {@code text}, {@code email}, {@code phone} and {@code select} take a
 * string, {@code number} a JSON number, {@code boolean} a JSON boolean, {@code multiselect} an
 * array of strings. A value of another JSON type is wrong, never converted.
 */
public enum QuestionType {
    /** Free text of at most {@value #MAX_TEXT_LENGTH} characters (UTF-16 units, as a browser counts). */
    TEXT,
    /** A practical e-mail check: one {@code @}, no spaces, a dot in the domain, at most 254 characters. */
    EMAIL,
    /** E.164-like: {@code +} then 7 to 15 digits, nothing else. */
    PHONE,
    /** Any finite JSON number; kept as a {@link BigDecimal}. */
    NUMBER,
    /** A JSON boolean; {@code false} is an answer. */
    BOOLEAN,
    /** Exactly one of the question's options. */
    SELECT,
    /** A subset of the question's options, without repeats; kept in the options' order. */
    MULTISELECT;

    public static final int MAX_TEXT_LENGTH = 1000;
    public static final int MAX_EMAIL_LENGTH = 254;

    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE_SHAPE = Pattern.compile("\\+[0-9]{7,15}");

    /** The name clients use: {@code text}, {@code email}, ..., {@code multiselect}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws BookwiseException invalid-event-type for a name that is not a question type */
    public static QuestionType fromWireName(String name) {
        for (QuestionType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new BookwiseException(ErrorCode.INVALID_EVENT_TYPE, "unknown question type '" + name + "'");
    }

    /** Whether questions of this type choose among options (and so must list some). */
    public boolean hasOptions() {
        return this == SELECT || this == MULTISELECT;
    }

    /**
     * The answer in its stored form ({@link String}, {@link BigDecimal}, {@link Boolean} or a
     * list of strings), or empty when {@code value} is not a valid answer of this type.
     */
    public Optional<Object> normalize(Object value, List<String> options) {
        return Optional.ofNullable(
                switch (this) {
                    case TEXT -> value instanceof String text && text.length() <= MAX_TEXT_LENGTH ? text : null;
                    case EMAIL ->
                        value instanceof String email
                                        && email.length() <= MAX_EMAIL_LENGTH
                                        && EMAIL_SHAPE.matcher(email).matches()
                                ? email
                                : null;
                    case PHONE ->
                        value instanceof String phone
                                        && PHONE_SHAPE.matcher(phone).matches()
                                ? phone
                                : null;
                    case NUMBER -> number(value);
                    case BOOLEAN -> value instanceof Boolean ? value : null;
                    case SELECT -> value instanceof String choice && options.contains(choice) ? choice : null;
                    case MULTISELECT -> subset(value, options);
                });
    }

    /** What a valid answer looks like, for the problem detail. */
    String expectation() {
        return switch (this) {
            case TEXT -> "text of at most " + MAX_TEXT_LENGTH + " characters";
            case EMAIL -> "an e-mail address";
            case PHONE -> "a phone number: '+' and 7 to 15 digits";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case SELECT -> "one of its options";
            case MULTISELECT -> "a list of its options, each at most once";
        };
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (!(value instanceof Number number)) {
            return null;
        }
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return new BigDecimal(number.toString());
    }

    private static List<String> subset(Object value, List<String> options) {
        if (!(value instanceof Collection<?> chosen)) {
            return null;
        }
        Set<Object> picked = new HashSet<>();
        for (Object choice : chosen) {
            if (!(choice instanceof String) || !options.contains(choice) || !picked.add(choice)) {
                return null;
            }
        }
        List<String> inOptionOrder = new ArrayList<>(picked.size());
        for (String option : options) {
            if (picked.contains(option)) {
                inOptionOrder.add(option);
            }
        }
        return inOptionOrder;
    }
}
