package io.ksim.api.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;

/**
 * Jackson form of {@link Quantity}, as upstream's JSON: written as a string ({@link Quantity#toString()});
 * read from a string (trimmed of white space first) or a number. A number is read from its source text, as
 * upstream parses the raw JSON bytes, so {@code cpu: 0.5} is {@code 500m} and {@code cpu: 2} is {@code 2}.
 * Integers are read from their value instead when their text is not a quantity, which covers YAML-only
 * spellings such as {@code 0x10} and {@code 1_000}. Null reads as a null reference.
 */
final class QuantityJson {

    private QuantityJson() {
    }

    static final class Serializer extends StdScalarSerializer<Quantity> {
        Serializer() {
            super(Quantity.class);
        }

        @Override
        public void serialize(Quantity value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    static final class Deserializer extends StdScalarDeserializer<Quantity> {
        Deserializer() {
            super(Quantity.class);
        }

        @Override
        public Quantity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            String text;
            if (token == JsonToken.VALUE_STRING) {
                text = GoStrconv.trimSpace(p.getText());
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                text = p.getText();
                if (token == JsonToken.VALUE_NUMBER_INT && !parses(text)) {
                    text = p.getBigIntegerValue().toString();
                }
            } else {
                return (Quantity) ctxt.handleUnexpectedToken(Quantity.class, p);
            }
            try {
                return Quantity.parse(text);
            } catch (QuantityFormatException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Quantity.class);
            }
        }

        private static boolean parses(String text) {
            try {
                Quantity.parse(text);
                return true;
            } catch (QuantityFormatException e) {
                return false;
            }
        }
    }
}
