package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parse tree of a {@link JsonPath} template: one record per node kind of client-go's parser. */
sealed interface JsonPathNode {

    record ListNode(List<JsonPathNode> nodes) implements JsonPathNode {
    }

    record TextNodeT(String text) implements JsonPathNode {
    }

    record FieldNode(String name) implements JsonPathNode {
    }

    /** [from:to:step]; {@code derived}: a single index, whose end is from + 1. */
    record ArrayNodeT(int[] values, boolean[] known, boolean derived) implements JsonPathNode {
    }

    record FilterNode(List<JsonPathNode> left, List<JsonPathNode> right, String operator) implements JsonPathNode {
    }

    record LiteralNode(JsonNode value) implements JsonPathNode {
    }

    record WildcardNode() implements JsonPathNode {
    }

    record RecursiveNode() implements JsonPathNode {
    }

    record UnionNode(List<List<JsonPathNode>> alternatives) implements JsonPathNode {
    }

    record IdentifierNode(String name) implements JsonPathNode {
    }
}
