package io.ksim.apiserver.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6902's examples, and the library's ways and messages that kube-apiserver passes on. */
class JsonPatchTest {

    static JsonNode json(String text) {
        try {
            return KubeJson.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Applies {@code patch} to {@code doc} and expects {@code result}: all JSON, single quotes for double. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        add an object member     | {'foo':'bar'}            | [{'op':'add','path':'/baz','value':'qux'}]               | {'baz':'qux','foo':'bar'}
        add an array element     | {'foo':['bar','baz']}    | [{'op':'add','path':'/foo/1','value':'qux'}]             | {'foo':['bar','qux','baz']}
        remove an object member  | {'baz':'qux','foo':'bar'} | [{'op':'remove','path':'/baz'}]                         | {'foo':'bar'}
        remove an array element  | {'foo':['bar','qux','baz']} | [{'op':'remove','path':'/foo/1'}]                     | {'foo':['bar','baz']}
        replace a value          | {'baz':'qux','foo':'bar'} | [{'op':'replace','path':'/baz','value':'boo'}]          | {'baz':'boo','foo':'bar'}
        move a value             | {'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}} | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}] | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}
        move an array element    | {'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}] | {'foo':['all','cows','eat','grass']}
        test then add            | {'baz':'qux','foo':['a',2,'c']} | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2},{'op':'add','path':'/x','value':1}] | {'baz':'qux','foo':['a',2,'c'],'x':1}
        add a nested member      | {'foo':'bar'}            | [{'op':'add','path':'/child','value':{'grandchild':{}}}] | {'foo':'bar','child':{'grandchild':{}}}
        escaped tokens           | {'/':9,'~1':10}          | [{'op':'test','path':'/~01','value':10},{'op':'remove','path':'/~1'}] | {'~1':10}
        append with dash         | {'foo':['bar']}          | [{'op':'add','path':'/foo/-','value':['abc','def']}]    | {'foo':['bar',['abc','def']]}
        negative index           | {'a':[1,2,3]}            | [{'op':'remove','path':'/a/-1'},{'op':'add','path':'/a/-1','value':9}] | {'a':[1,2,9]}
        add replaces a member    | {'a':1}                  | [{'op':'add','path':'/a','value':2}]                    | {'a':2}
        replace adds a missing key | {'a':1}                | [{'op':'replace','path':'/b','value':2}]                | {'a':1,'b':2}
        add without a value      | {}                       | [{'op':'add','path':'/a'}]                              | {'a':null}
        copy                     | {'a':{'b':[1]}}          | [{'op':'copy','from':'/a/b','path':'/c'},{'op':'add','path':'/c/-','value':2}] | {'a':{'b':[1]},'c':[1,2]}
        copy of a missing key    | {'a':1}                  | [{'op':'copy','from':'/z','path':'/c'}]                 | {'a':1,'c':null}
        replace the document     | {'a':1}                  | [{'op':'replace','path':'','value':{'b':2}}]            | {'b':2}
        replace it with a scalar | {'a':1}                  | [{'op':'replace','path':'','value':3}]                  | {'a':1}
        test null and absent     | {'a':null}               | [{'op':'test','path':'/a','value':null},{'op':'test','path':'/b','value':null}] | {'a':null}
        first token unchecked    | {'a':1}                  | [{'op':'add','path':'x/b','value':2}]                   | {'a':1,'b':2}
        an array document        | [1,2]                    | [{'op':'add','path':'/0','value':0}]                    | [0,1,2]
        null is the empty patch  | {'a':1}                  | null                                                    | {'a':1}
        """)
    void applies(String name, String doc, String patch, String result) {
        JsonNode before = json(doc.replace('\'', '"'));
        JsonNode copy = before.deepCopy();
        JsonNode after = JsonPatch.apply(before, json(patch.replace('\'', '"')));
        assertEquals(json(result.replace('\'', '"')), after);
        assertEquals(copy, before, "input untouched");
    }

    /** Operations that do not apply: 422 with the library's message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        remove a missing key     | {'a':1}       | [{'op':'remove','path':'/b'}]                   | error in remove for path: '/b': Unable to remove nonexistent key: b: missing value
        add under a missing path | {'a':1}       | [{'op':'add','path':'/b/c','value':1}]          | add operation does not apply: doc is missing path: "/b/c": missing value
        add to the document      | {'a':1}       | [{'op':'add','path':'','value':1}]              | add operation does not apply: doc is missing path: "": missing value
        a failed test            | {'a':1}       | [{'op':'test','path':'/a','value':2}]           | testing value /a failed: test failed
        1 is not 1.0             | {'a':1}       | [{'op':'test','path':'/a','value':1.0}]         | testing value /a failed: test failed
        a failed document test   | {'a':1}       | [{'op':'test','path':'','value':{}}]            | testing value  failed: test failed
        test under a missing path | {'a':1}      | [{'op':'test','path':'/b/c','value':1}]         | test operation does not apply: is missing path: /b/c: missing value
        replace a missing index  | {'a':[1]}     | [{'op':'replace','path':'/a/1','value':2}]      | replace operation does not apply: doc is missing key: /a/1: missing value
        replace under a missing path | {'a':1}   | [{'op':'replace','path':'/b/c','value':2}]      | replace operation does not apply: doc is missing path: /b/c: missing value
        add past the end         | {'a':[1]}     | [{'op':'add','path':'/a/5','value':2}]          | error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced
        add at a bad index       | {'a':[1]}     | [{'op':'add','path':'/a/x','value':2}]          | error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax
        remove with dash         | {'a':[1]}     | [{'op':'remove','path':'/a/-'}]                 | error in remove for path: '/a/-': strconv.Atoi: parsing "-": invalid syntax
        remove too far back      | {'a':[1]}     | [{'op':'remove','path':'/a/-2'}]                | error in remove for path: '/a/-2': Unable to access invalid index: -2: invalid index referenced
        move a missing key       | {'a':1}       | [{'op':'move','from':'/b','path':'/c'}]         | error in move for path: 'b': Unable to remove nonexistent key: b: missing value
        move to a missing path   | {'a':1}       | [{'op':'move','from':'/a','path':'/b/c'}]       | move operation does not apply: doc is missing destination path: /b/c: missing value
        move without from        | {'a':1}       | [{'op':'move','path':'/b'}]                     | move operation failed to decode from: operation, missing from field: missing value
        copy from a bad index    | {'a':[1]}     | [{'op':'copy','from':'/a/3','path':'/b'}]       | error in copy for from: '/a/3': Unable to access invalid index: 3: invalid index referenced
        add without a path       | {'a':1}       | [{'op':'add','value':1}]                        | add operation failed to decode path: missing value
        replace with a number path | {'a':1}     | [{'op':'replace','path':5,'value':1}]           | replace operation failed to decode path: json: cannot unmarshal number into Go value of type string
        an unknown operation     | {'a':1}       | [{'op':'merge','path':'/a'}]                    | Unexpected kind: merge
        no operation             | {'a':1}       | [{'path':'/a'}]                                 | Unexpected kind: unknown
        """)
    void fails(String name, String doc, String patch, String message) {
        PatchException e = assertThrows(PatchException.class,
                () -> JsonPatch.apply(json(doc.replace('\'', '"')), json(patch.replace('\'', '"'))));
        assertEquals(message, e.getMessage());
        assertEquals(PatchException.Kind.UNPROCESSABLE_ENTITY, e.kind());
    }

    @Test
    void patchesThatDoNotDecodeAreBadRequests() {
        PatchException notArray = assertThrows(PatchException.class, () -> JsonPatch.decode(json("{\"op\":\"add\"}")));
        assertEquals("json: cannot unmarshal object into Go value of type jsonpatch.Patch", notArray.getMessage());
        assertEquals(PatchException.Kind.BAD_REQUEST, notArray.kind());
        PatchException notObject = assertThrows(PatchException.class, () -> JsonPatch.decode(json("[\"add\"]")));
        assertEquals("json: cannot unmarshal string into Go value of type jsonpatch.Operation", notObject.getMessage());
    }

    @Test
    void operationsApplyInOrderAndStopAtTheFirstFailure() {
        JsonPatch patch = JsonPatch.decode(json(
                "[{\"op\":\"add\",\"path\":\"/b\",\"value\":1},{\"op\":\"test\",\"path\":\"/b\",\"value\":2}]"));
        assertEquals(2, patch.size());
        JsonNode doc = json("{\"a\":1}");
        assertThrows(PatchException.class, () -> patch.apply(doc));
        assertEquals(json("{\"a\":1}"), doc);
    }

    @Test
    void pointerTokensUnescapeLeftToRight() {
        assertEquals("~1", JsonPatch.unescape("~01"));
        assertEquals("a/b~c", JsonPatch.unescape("a~1b~0c"));
        assertEquals("~x", JsonPatch.unescape("~x"));
    }
}
