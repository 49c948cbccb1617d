package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code %#v} of decoded JSON values as Go's fmt prints them (jsonpath's error reports show them). */
class GoValuesTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void stringsAreQuotedAsStrconvQuoteDoesNotAsJson() throws Exception {
        // strconv.Quote("a<b>&\a\x7fé\u2028\U0001F600\u0080") in Go
        assertEquals("\"a<b>&\\a\\x7fé\\u2028\uD83D\uDE00\\u0080\"",
                GoValues.goSyntax(json("\"a<b>&\\u0007\\u007fé\\u2028\\uD83D\\uDE00\\u0080\"")));
        assertEquals("\"tab\\there \\\"q\\\" back\\\\slash\\v\\x01\"",
                GoValues.goSyntax(json("\"tab\\there \\\"q\\\" back\\\\slash\\u000b\\u0001\"")));
    }

    @Test
    void mapsAndSlicesUseGoSyntaxWithSortedKeys() throws Exception {
        assertEquals("map[string]interface {}{\"a&b\":\"<x>\", \"n\":[]interface {}{1, true, interface {}(nil)}}",
                GoValues.goSyntax(json("{\"n\":[1,true,null],\"a&b\":\"<x>\"}")));
    }
}
