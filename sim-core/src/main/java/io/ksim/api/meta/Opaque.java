package io.ksim.api.meta;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A part of an object that ksim stores and prints but does not interpret (a securityContext, a CSI volume
 * source, ...). It holds a private copy of the JSON tree and hands out copies only, so the object that
 * contains it stays immutable. Its content is not checked for unknown fields: a simplification recorded
 * in docs/FIDELITY.md wherever a type uses it.
 */
public final class Opaque {

    private final JsonNode tree;

    private Opaque(JsonNode tree) {
        this.tree = tree;
    }

    @JsonCreator
    public static Opaque of(JsonNode tree) {
        return new Opaque(Objects.requireNonNull(tree, "tree").deepCopy());
    }

    /** A copy of the content. */
    @JsonValue
    public JsonNode tree() {
        return tree.deepCopy();
    }

    /** A field of the content as text, or null. */
    public String text(String field) {
        JsonNode n = tree.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opaque other && tree.equals(other.tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    @Override
    public String toString() {
        return tree.toString();
    }
}
