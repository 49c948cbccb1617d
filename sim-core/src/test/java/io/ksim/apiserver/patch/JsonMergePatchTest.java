package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.JsonPatchTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386's examples (for object targets, as the API server has) and the library's ways. */
class JsonMergePatchTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', textBlock = """
        {'a':'b'}                   | {'a':'c'}                 | {'a':'c'}
        {'a':'b'}                   | {'b':'c'}                 | {'a':'b','b':'c'}
        {'a':'b'}                   | {'a':null}                | {}
        {'a':'b','b':'c'}           | {'a':null}                | {'b':'c'}
        {'a':['b']}                 | {'a':'c'}                 | {'a':'c'}
        {'a':'c'}                   | {'a':['b']}               | {'a':['b']}
        {'a':{'b':'c'}}             | {'a':{'b':'d','c':null}}  | {'a':{'b':'d'}}
        {'a':[{'b':'c'}]}           | {'a':[1]}                 | {'a':[1]}
        {'e':null}                  | {'a':1}                   | {'a':1,'e':null}
        {}                          | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}
        {'a':{'b':1}}               | {'a':{}}                  | {'a':{'b':1}}
        {'title':'Goodbye!','author':{'givenName':'John','familyName':'Doe'},'tags':['example','sample'],'content':'This will be unchanged'} | {'title':'Hello!','phoneNumber':'+01-123-456-7890','author':{'familyName':null},'tags':['example']} | {'title':'Hello!','author':{'givenName':'John'},'tags':['example'],'content':'This will be unchanged','phoneNumber':'+01-123-456-7890'}
        {}                          | {'a':[{'b':null,'c':1},null]} | {'a':[{'c':1},null]}
        {'a':{'x':1}}               | {'a':[{'b':null}]}        | {'a':[{'b':null}]}
        {'a':1}                     | {'a':{'b':null,'c':2}}    | {'a':{'c':2}}
        [1]                         | {'a':null,'b':1}          | {'b':1}
        {'a':1}                     | [{'b':null}]              | [{}]
        """)
    void merges(String target, String patch, String result) {
        JsonNode before = json(target.replace('\'', '"'));
        JsonNode copy = before.deepCopy();
        assertEquals(json(result.replace('\'', '"')), JsonMergePatch.apply(before, json(patch.replace('\'', '"'))));
        assertEquals(copy, before, "input untouched");
    }

    @Test
    void aPatchMustBeAnObjectOrArray() {
        PatchException nul = assertThrows(PatchException.class,
                () -> JsonMergePatch.apply(json("{}"), NullNode.getInstance()));
        assertEquals("Invalid JSON Patch", nul.getMessage());
        assertEquals(PatchException.Kind.BAD_REQUEST, nul.kind());
        PatchException scalar = assertThrows(PatchException.class, () -> JsonMergePatch.apply(json("{}"), json("3")));
        assertEquals("Invalid JSON Patch", scalar.getMessage());
        assertEquals("Invalid JSON Document",
                assertThrows(PatchException.class, () -> JsonMergePatch.apply(null, json("{}"))).getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        {'a':1,'b':{'c':1,'d':2},'e':[1,2]} | {'a':1,'b':{'c':2,'d':2},'e':[1,2]} | {'b':{'c':2}}
        {'a':1,'b':2}                       | {'a':1}                             | {'b':null}
        {'a':[1,2]}                         | {'a':[2,1]}                         | {'a':[2,1]}
        {'a':{'b':1}}                       | {'a':'x'}                           | {'a':'x'}
        {'a':1}                             | {'a':1.0}                           | {}
        {'a':null}                          | {'a':null}                          | {}
        {}                                  | {'a':{'b':{}}}                      | {'a':{'b':{}}}
        """)
    void createsPatches(String original, String modified, String patch) {
        JsonNode a = json(original.replace('\'', '"'));
        JsonNode b = json(modified.replace('\'', '"'));
        JsonNode p = JsonMergePatch.createMergePatch(a, b);
        assertEquals(json(patch.replace('\'', '"')), p);
    }

    @Test
    void createNeedsObjects() {
        assertEquals("Invalid JSON Document", assertThrows(PatchException.class,
                () -> JsonMergePatch.createMergePatch(json("[1]"), json("{}"))).getMessage());
    }
}
