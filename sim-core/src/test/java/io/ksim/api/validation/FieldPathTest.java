package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Path renderings from upstream's path_test.go. */
class FieldPathTest {

    @Test
    void childrenIndicesAndKeysRenderAsUpstream() {
        FieldPath root = FieldPath.of("root");
        assertEquals("root", root.toString());
        FieldPath second = root.child("first").child("second");
        assertEquals("root.first.second", second.toString());
        assertEquals("root.first.second[0]", second.index(0).toString());
        assertEquals("root.first.second[0].third", second.index(0).child("third").toString());
        assertEquals("root.first.second[0].third[93]", second.index(0).child("third").index(93).toString());
        assertEquals("root.first.second[0][key]", second.index(0).key("key").toString());
    }

    @Test
    void severalNamesAtOnce() {
        assertEquals("root.first", FieldPath.of("root", "first").toString());
        assertEquals("root.first.second.third[0]",
                FieldPath.of("root", "first").child("second", "third").index(0).toString());
    }

    @Test
    void keysAreNotQuoted() {
        assertEquals("metadata.annotations[example.com/a b]",
                FieldPath.of("metadata", "annotations").key("example.com/a b").toString());
    }

    @Test
    void theAbsentPathPrintsNilAndItsChildStartsAfresh() {
        assertEquals("<nil>", FieldPath.none().toString());
        assertEquals("key", FieldPath.none().child("key").toString());
        assertEquals("values[0][x16]", FieldPath.none().child("values").index(0).key("x16").toString());
        assertEquals("[0]", FieldPath.none().index(0).toString());
    }

    @Test
    void anEmptyChildNameRendersAsAnEmptySubscript() {
        assertEquals("[]", FieldPath.of("").toString());
        assertEquals("a[]", FieldPath.of("a").child("").toString());
    }

    @Test
    void equalPathsAreEqual() {
        assertEquals(FieldPath.of("a", "b").index(1), FieldPath.of("a").child("b").index(1));
    }
}
