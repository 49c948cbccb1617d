package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases from client-go util/jsonpath (jsonpath_test.go, parser_test.go) at v0.32.0, on decoded JSON as
 * kubectl passes it. Where upstream's case walks a Go struct its fields print in struct order; here every
 * object is a JSON map, so fields print sorted, as Go prints maps.
 */
class JsonPathTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String NODES = """
            {"kind": "List",
             "items": [
               {"kind": "None",
                "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
                "status": {"capacity": {"cpu": "4"}, "ready": true,
                           "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
               {"kind": "None",
                "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
                "status": {"capacity": {"cpu": "8"}, "ready": false,
                           "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"},
                                         {"type": "another", "address": "127.0.0.3"}]}}],
             "users": [{"name": "myself", "user": {}}, {"name": "e2e", "user": {"username": "admin", "password": "secret"}}]}
            """;

    private static final String POINTS = """
            [{"id": "i1", "x": 4, "y": -5}, {"id": "i2", "x": -2, "y": -5, "z": 1}, {"id": "i3", "x": 8, "y": 3},
             {"id": "i4", "x": -6, "y": -1}, {"id": "i5", "x": 0, "y": 2, "z": 1}, {"id": "i6", "x": 1, "y": 4},
             {"id": "i7", "x": null, "y": 4}]
            """;

    private static final String TYPES = """
            {"bools": [true, false, true, false], "integers": [1, 2, 3, 4], "floats": [1.0, 2.2, 3.3, 4.0],
             "strings": ["one", "two", "three", "four"], "interfaces": [true, "one", 1, 1.1],
             "maps": [{"name": "one", "value": 1}, {"name": "two", "value": 2.02}, {"name": "three", "value": 3.03},
                      {"name": "four", "value": 4.04}]}
            """;

    private static final String STORE = """
            {"Name": "jsonpath", "Labels": {"web/html": 15, "k8s-app": 20}, "Employees": {"jason": "manager", "dan": "clerk"},
             "Book": [{"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
                      {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
                      {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99}],
             "Bicycle": [{"Color": "red", "Price": 19.95, "IsNew": true}, {"Color": "green", "Price": 20.01, "IsNew": false}]}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{range .items[*]}{.metadata.name}, {end}{.kind}", NODES, "127.0.0.1, 127.0.0.2, List"),
                Arguments.of("{range .items[*]}{.metadata.name}{\"\\t\"}{end}", NODES, "127.0.0.1\t127.0.0.2\t"),
                Arguments.of("{.items[*].status.addresses[*].address}", NODES, "127.0.0.1 127.0.0.2 127.0.0.3"),
                Arguments.of("{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", NODES,
                        "127.0.0.1, 127.0.0.2, 127.0.0.3, "),
                Arguments.of("{.items[*].metadata.name}", NODES, "127.0.0.1 127.0.0.2"),
                Arguments.of("{.items[*]['metadata.name', 'status.capacity']}", NODES,
                        "127.0.0.1 127.0.0.2 {\"cpu\":\"4\"} {\"cpu\":\"8\"}"),
                Arguments.of("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", NODES,
                        "[127.0.0.1, {\"cpu\":\"4\"}] [127.0.0.2, {\"cpu\":\"8\"}] "),
                Arguments.of("{.users[?(@.name==\"e2e\")].user.password}", NODES, "secret"),
                Arguments.of("{.items[0].metadata.labels.kubernetes\\.io/hostname}", NODES, "127.0.0.1"),
                Arguments.of("{.items[?(@.metadata.labels.kubernetes\\.io/hostname==\"127.0.0.1\")].kind}", NODES, "None"),
                Arguments.of("{.items[?(@..ready==true)].metadata.name}", NODES, "127.0.0.1"),
                Arguments.of("{[?(@.z)].id}", POINTS, "i2 i5"),
                Arguments.of("{[0]['id']}", POINTS, "i1"),
                Arguments.of("{[-1]['x']}", POINTS, "null"),
                Arguments.of("{ .bools }", TYPES, "[true,false,true,false]"),
                Arguments.of("{ .bools[-1] }", TYPES, "false"),
                Arguments.of("{ .bools[:4:2] }", TYPES, "true true"),
                Arguments.of("{ .integers[-2] }", TYPES, "3"),
                Arguments.of("{ .integers[0:2] }", TYPES, "1 2"),
                Arguments.of("{ .floats }", TYPES, "[1,2.2,3.3,4]"),
                Arguments.of("{ .floats[-2] }", TYPES, "3.3"),
                Arguments.of("{ .strings[:4:2] }", TYPES, "one three"),
                Arguments.of("{ .interfaces }", TYPES, "[true,\"one\",1,1.1]"),
                Arguments.of("{ .maps[1::2] }", TYPES, "{\"name\":\"two\",\"value\":2.02} {\"name\":\"four\",\"value\":4.04}"),
                Arguments.of("hello jsonpath", "null", "hello jsonpath"),
                Arguments.of("{..}", "[1, 2, 3]", "[1,2,3]"),
                Arguments.of("{[?(@<5)]}", "[2, 6, 3, 7]", "2 3"),
                Arguments.of("{\"{\"}", "null", "{"),
                Arguments.of("{[1,3,4]}", "[0, 1, 2, 3, 4]", "1 3 4"),
                Arguments.of("{[0:2]}", "[\"Monday\", \"Tudesday\"]", "Monday Tudesday"),
                Arguments.of("hello {.Name}", STORE, "hello jsonpath"),
                Arguments.of("{$.Labels.web/html}", STORE, "15"),
                Arguments.of("{$.Employees.jason}", STORE, "manager"),
                Arguments.of("{.Labels.k8s-app}", STORE, "20"),
                Arguments.of("{.Bicycle[*].Color}", STORE, "red green"),
                Arguments.of("{.Book[*].Author}", STORE, "Nigel Rees Evelyn Waugh Herman Melville"),
                Arguments.of("{range .Bicycle[*]}{ \"{\" }{ @.* }{ \"} \" }{end}", STORE, "{red true 19.95} {green false 20.01} "),
                // Upstream walks a struct (Book before Bicycle); a JSON map is walked in key order.
                Arguments.of("{..Price}", STORE, "19.95 20.01 8.95 12.99 8.99"),
                Arguments.of("{...Price}", STORE, "19.95 20.01 8.95 12.99 8.99"),
                Arguments.of("{.Book[-1:]}", STORE,
                        "{\"Author\":\"Herman Melville\",\"Category\":\"fiction\",\"Price\":8.99,\"Title\":\"Moby Dick\"}"),
                Arguments.of("{..Book[2]}", STORE,
                        "{\"Author\":\"Herman Melville\",\"Category\":\"fiction\",\"Price\":8.99,\"Title\":\"Moby Dick\"}"),
                Arguments.of("{.Bicycle[?(@.IsNew==true)]}", STORE, "{\"Color\":\"red\",\"IsNew\":true,\"Price\":19.95}"),
                Arguments.of("{..name}", NODES, "127.0.0.1 127.0.0.2 myself e2e"),
                Arguments.of("{range .items[*]}{.metadata.name}{end}", "{\"items\": []}", ""));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void printsAsClientGo(String template, String json, String expected) throws Exception {
        assertEquals(expected, JsonPath.parse(template).execute(MAPPER.readTree(json)));
    }

    static Stream<Arguments> executionErrors() {
        return Stream.of(
                Arguments.of("{hello}", "unrecognized identifier hello"),
                Arguments.of("{.hello}", "hello is not found"),
                Arguments.of("{.Labels[0]}", "map[string]interface {} is not array or slice"),
                Arguments.of("{.Book[?(@.Price<>10)]}", "unrecognized filter operator <>"),
                Arguments.of("{range .Labels.*}{@}{end}{end}", "not in range, nothing to end"),
                Arguments.of("{.Book[5]}", "array index out of bounds: index 5, length 3"));
    }

    @ParameterizedTest
    @MethodSource("executionErrors")
    void failsAsClientGo(String template, String message) throws Exception {
        JsonNode store = MAPPER.readTree(STORE);
        JsonPathException e = assertThrows(JsonPathException.class, () -> JsonPath.parse(template).execute(store));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> parseErrors() {
        return Stream.of(
                Arguments.of("{.hello", "unclosed action"),
                Arguments.of("{[1}", "unterminated array"),
                Arguments.of("{[?(.price]}", "unterminated filter"),
                Arguments.of("{\"hello}", "unterminated quoted string"),
                Arguments.of("{.a[x]}", "invalid array index x"),
                Arguments.of("{........}", "invalid multiple recursive descent"));
    }

    @ParameterizedTest
    @MethodSource("parseErrors")
    void parseErrorsAsClientGo(String template, String message) {
        JsonPathException e = assertThrows(JsonPathException.class, () -> JsonPath.parse(template));
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void missingKeysAreAllowedWhenAsked() throws Exception {
        assertEquals("before-after", JsonPath.parse("before-{.hello}after").allowMissingKeys(true)
                .execute(MAPPER.readTree(STORE)));
    }

    @org.junit.jupiter.api.Test
    void asJsonPrintsEachBraceAsAnIndentedArray() throws Exception {
        assertEquals("[\n    1\n]\n[\n    \"x\"\n]\n", JsonPath.parse("{.a}{.b}").outputJson(true)
                .execute(MAPPER.readTree("{\"a\": 1, \"b\": \"x\"}")));
    }
}
