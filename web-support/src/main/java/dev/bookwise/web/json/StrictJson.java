package dev.bookwise.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

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
                return InstantDeserializer.INSTANT.deserialize(parser, context);
            }
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
    }
}
