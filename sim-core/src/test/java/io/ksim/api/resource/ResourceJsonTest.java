package io.ksim.api.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantity and IntOrString through Jackson, in JSON and YAML, as upstream's JSON encoding. */
class ResourceJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The shape of a container's resources. */
    public static final class Resources {
        public Map<String, Quantity> requests;
        public Map<String, Quantity> limits;
    }

    /** The shape of a rolling update and a service port. */
    public static final class Rollout {
        public IntOrString maxSurge;
        public IntOrString maxUnavailable;
        public IntOrString targetPort;
    }

    @Test
    void readsQuantitiesFromYamlStringsAndNumbers() throws Exception {
        Resources r = YAML.readValue("""
                requests:
                  cpu: 2
                  memory: "128Mi"
                limits:
                  cpu: 0.5
                  memory: 1.5Gi
                  ephemeral-storage: 1e3
                """, Resources.class);
        assertEquals("2", r.requests.get("cpu").toString());
        assertEquals(2000, r.requests.get("cpu").milliValue());
        assertEquals(134217728, r.requests.get("memory").value());
        assertEquals("500m", r.limits.get("cpu").toString());
        assertEquals("1536Mi", r.limits.get("memory").toString());
        assertEquals("1e3", r.limits.get("ephemeral-storage").toString());

        String json = JSON.writeValueAsString(r);
        assertEquals("{\"requests\":{\"cpu\":\"2\",\"memory\":\"128Mi\"},"
                + "\"limits\":{\"cpu\":\"500m\",\"memory\":\"1536Mi\",\"ephemeral-storage\":\"1e3\"}}", json);
        String yaml = YAML.writeValueAsString(r);
        assertTrue(yaml.contains("cpu: \"500m\""), yaml);
        Resources again = YAML.readValue(yaml, Resources.class);
        assertEquals(r.limits, again.limits);
        assertEquals(r.requests, again.requests);
    }

    /** Upstream's TestJSONWhitespace: strings are trimmed, numbers are read from their text. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"'\" 1\"'| 1", "'\"1 \"'| 1", "1| 1", "' 1'| 1", "'1 '| 1", "10| 10",
            "-1| -1", "' -1'| -1", "0.5| 500m", "1.5e3| 1500", "1E3| 1E3", "'\"+1\"'| +1", "'\"1.5Gi\"'| 1536Mi",
            "'\"\\t100m\\n\"'| 100m", "12345678901234567890| 12345678901234567890", "1.0| 1"})
    void readsJson(String json, String printed) throws Exception {
        assertEquals(printed, JSON.readValue(json, Quantity.class).toString());
    }

    @Test
    void writesTheTextUpstreamPrints() throws Exception {
        assertEquals("\"1.001\"", JSON.writeValueAsString(Quantity.parse("1.001")));
        assertEquals("\"1001m\"", JSON.writeValueAsString(Quantity.parse("1.001").add(Quantity.ZERO)));
        assertEquals("[\"1Ki\",\"0\",\"1e21\"]", JSON.writeValueAsString(
                List.of(Quantity.of(1024, Quantity.Format.BINARY_SI), Quantity.ZERO, Quantity.parse("1000E"))));
    }

    @Test
    void yamlOnlyIntegerSpellingsReadByValue() throws Exception {
        assertEquals("16", YAML.readValue("v: 0x10", new TypeReference<Map<String, Quantity>>() { }).get("v")
                .toString());
        assertEquals("1k", YAML.readValue("v: 1_000", new TypeReference<Map<String, Quantity>>() { }).get("v")
                .toString());
    }

    @Test
    void nullReadsAsNull() throws Exception {
        Resources r = JSON.readValue("{\"requests\":{\"cpu\":null},\"limits\":null}", Resources.class);
        assertNull(r.requests.get("cpu"));
        assertNull(r.limits);
        assertNull(YAML.readValue("maxSurge: null\n", Rollout.class).maxSurge);
    }

    @Test
    void badQuantitiesCarryUpstreamsMessage() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JSON.readValue("{\"requests\":{\"cpu\":\"2 cores\"}}", Resources.class));
        assertTrue(e.getOriginalMessage().equals(QuantityFormatException.FORMAT_WRONG), e.getOriginalMessage());
        assertEquals("2 cores", e.getValue());
        e = assertThrows(InvalidFormatException.class, () -> YAML.readValue("requests: {memory: 1Qi}",
                Resources.class));
        assertEquals(QuantityFormatException.FORMAT_WRONG, e.getOriginalMessage());
        e = assertThrows(InvalidFormatException.class, () -> JSON.readValue("\"1Zi\"", Quantity.class));
        assertEquals(QuantityFormatException.FORMAT_WRONG, e.getOriginalMessage());
        e = assertThrows(InvalidFormatException.class, () -> JSON.readValue("\"5mi\"", Quantity.class));
        assertEquals(QuantityFormatException.SUFFIX, e.getOriginalMessage());
        assertThrows(MismatchedInputException.class, () -> JSON.readValue("true", Quantity.class));
        assertThrows(MismatchedInputException.class, () -> JSON.readValue("{}", Quantity.class));
    }

    @Test
    void intOrStringKeepsItsJsonType() throws Exception {
        Rollout r = YAML.readValue("""
                maxSurge: 25%
                maxUnavailable: 1
                targetPort: "8080"
                """, Rollout.class);
        assertEquals(IntOrString.of("25%"), r.maxSurge);
        assertEquals(IntOrString.of(1), r.maxUnavailable);
        assertEquals(IntOrString.of("8080"), r.targetPort);
        assertEquals(3, r.maxSurge.scaledValue(10, true));

        assertEquals("{\"maxSurge\":\"25%\",\"maxUnavailable\":1,\"targetPort\":\"8080\"}", JSON.writeValueAsString(r));
        String yaml = YAML.writeValueAsString(r);
        assertTrue(yaml.contains("maxUnavailable: 1\n"), yaml);
        assertTrue(yaml.contains("targetPort: \"8080\""), yaml);
        Rollout again = YAML.readValue(yaml, Rollout.class);
        assertEquals(r.maxSurge, again.maxSurge);
        assertEquals(r.maxUnavailable, again.maxUnavailable);
        assertEquals(r.targetPort, again.targetPort);

        Rollout fromJson = JSON.readValue("{\"maxSurge\":\"123\",\"maxUnavailable\":123,\"targetPort\":\"http\"}",
                Rollout.class);
        assertEquals(IntOrString.of("123"), fromJson.maxSurge);
        assertEquals(IntOrString.of(123), fromJson.maxUnavailable);
        assertEquals(IntOrString.of("http"), fromJson.targetPort);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.5", "3000000000", "-2147483649", "1e3"})
    void intOrStringNumbersMustBeInt32(String json) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JSON.readValue(json, IntOrString.class));
        assertEquals("json: cannot unmarshal number " + json + " into Go value of type int32", e.getOriginalMessage());
    }

    @Test
    void intOrStringRefusesOtherTypes() {
        assertThrows(JsonProcessingException.class, () -> JSON.readValue("true", IntOrString.class));
        assertThrows(JsonProcessingException.class, () -> JSON.readValue("[1]", IntOrString.class));
        assertEquals(IntOrString.of(-2147483648), readIntOrString("-2147483648"));
    }

    private static IntOrString readIntOrString(String json) {
        try {
            return JSON.readValue(json, IntOrString.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
