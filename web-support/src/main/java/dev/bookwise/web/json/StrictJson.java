package dev.bookwise.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateTimeDeserializer;
import dev.bookwise.web.request.TimeParams;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.Predicate;

/**
 * JSON as the API means it: text is a JSON string ({@code "name": 5} and {@code "name": true} are
 * refused, not turned into "5" and "true"), and an instant is an ISO-8601 string ({@code "start":
 * 1732270000} is refused, not read as seconds since 1970: a client that sends a number has a bug
 * that must not book the wrong day). Register it after Jackson's Java time module.
 */
public final class StrictJson extends SimpleModule {

    public StrictJson() {
        super("bookwise-strict-json");
        addDeserializer(Instant.class, new StrictInstant());
        addDeserializer(
                LocalDate.class, new Bounded<>(LocalDate.class, LocalDateDeserializer.INSTANCE, TimeParams::inRange));
        addDeserializer(
                LocalDateTime.class,
                new Bounded<>(LocalDateTime.class, LocalDateTimeDeserializer.INSTANCE, TimeParams::inRange));
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        if (context.getOwner() instanceof ObjectMapper mapper) {
            for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
            }) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
        }
    }

    /** Jackson's own instant parsing (ISO-8601 with Z or an offset), for JSON strings only. */
    private static final class StrictInstant extends StdScalarDeserializer<Instant> {

        StrictInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
                if (instant != null && !TimeParams.inRange(instant)) {
                    throw JsonMappingException.from(parser, "must be " + TimeParams.RANGE);
                }
                return instant;
            }
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
    }

    /** Jackson's own reading of a date or date-time string, refused outside {@link TimeParams#RANGE}. */
    private static final class Bounded<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<T> reader;
        private final Predicate<T> inRange;

        Bounded(Class<T> type, JsonDeserializer<T> reader, Predicate<T> inRange) {
            super(type);
            this.reader = reader;
            this.inRange = inRange;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                @SuppressWarnings("unchecked")
                T refused = (T) context.handleUnexpectedToken(handledType(), parser);
                return refused;
            }
            T value = reader.deserialize(parser, context);
            if (value != null && !inRange.test(value)) {
                throw JsonMappingException.from(parser, "must be " + TimeParams.RANGE);
            }
            return value;
        }
    }
}
