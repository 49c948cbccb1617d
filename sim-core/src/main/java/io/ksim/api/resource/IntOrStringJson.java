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
import java.math.BigInteger;

/**
 * Jackson form of {@link IntOrString}, as upstream's JSON: an int is written and read as a JSON number, a
 * string as a JSON string, so {@code maxSurge: 1} and {@code maxSurge: "1"} stay different. A number must
 * be an integer in the int32 range (upstream decodes it into an int32); null reads as a null reference.
 */
final class IntOrStringJson {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private IntOrStringJson() {
    }

    static final class Serializer extends StdScalarSerializer<IntOrString> {
        Serializer() {
            super(IntOrString.class);
        }

        @Override
        public void serialize(IntOrString value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (value.isInt()) {
                gen.writeNumber(value.intVal());
            } else {
                gen.writeString(value.strVal());
            }
        }
    }

    static final class Deserializer extends StdScalarDeserializer<IntOrString> {
        Deserializer() {
            super(IntOrString.class);
        }

        @Override
        public IntOrString deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return IntOrString.of(p.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                BigInteger n = p.getBigIntegerValue();
                if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
                    return IntOrString.of(n.intValue());
                }
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                String text = p.getText();
                throw InvalidFormatException.from(p,
                        "json: cannot unmarshal number " + text + " into Go value of type int32", text,
                        IntOrString.class);
            }
            return (IntOrString) ctxt.handleUnexpectedToken(IntOrString.class, p);
        }
    }
}
