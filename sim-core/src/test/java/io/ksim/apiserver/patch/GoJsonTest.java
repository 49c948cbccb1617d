package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.JsonPatchTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's view of decoded JSON, which upstream's messages, comparisons and sorts go through. */
class GoJsonTest {

    @ParameterizedTest
    @CsvSource({"1e6, 1e+06", "123456, 123456", "1234567, 1.234567e+06", "1.5, 1.5", "0.0001, 0.0001",
            "0.00001, 1e-05", "1e21, 1e+21", "-2.5e-7, -2.5e-07", "100000, 100000"})
    void floatsPrintAsPercentV(double value, String text) {
        assertEquals(text, GoJson.formatFloat(value));
    }

    @Test
    void valuesPrintAsPercentV() {
        assertEquals("map[a:[x <nil>] b:1.5 c:7]", GoJson.v(json("{\"c\":7,\"b\":1.5,\"a\":[\"x\",null]}")));
        assertEquals("%!s(float64=1.5)", GoJson.s(json("1.5")));
        assertEquals("delete", GoJson.s(json("\"delete\"")));
    }

    @Test
    void integersAndFloatsAreDifferentGoTypes() {
        assertTrue(GoJson.deepEqual(json("{\"a\":[1]}"), json("{\"a\":[1]}")));
        assertTrue(GoJson.deepEqual(json("5"), LongNode.valueOf(5)));
        assertFalse(GoJson.deepEqual(json("1"), json("1.0")));
        assertFalse(GoJson.deepEqual(json("[1,2]"), json("[2,1]")));
    }

    @Test
    void equalKeysComeOutReversedFromTheShortSort() {
        List<JsonNode> items = List.of(json("{\"k\":\"b\",\"i\":1}"), json("{\"k\":\"a\"}"), json("{\"k\":\"b\",\"i\":2}"));
        List<JsonNode> sorted = GoJson.goSort(items, n -> n.get("k").asText());
        assertEquals(List.of(items.get(1), items.get(2), items.get(0)), sorted);
    }
}
