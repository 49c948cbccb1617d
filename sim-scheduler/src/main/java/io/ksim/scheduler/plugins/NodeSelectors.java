package io.ksim.scheduler.plugins;

import io.ksim.api.core.Node;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorOperator;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Node selector terms against a node (upstream component-helpers nodeaffinity): terms are ORed; within a
 * term, label expressions and field expressions are ANDed; a term with neither matches nothing. Label
 * operators In, NotIn (an absent label matches), Exists, DoesNotExist, and Gt/Lt (the label and the single
 * value must both be integers). The only field is {@code metadata.name}, with In or NotIn. A requirement
 * that is not valid makes its term match nothing, as upstream's parse error does.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean matches(NodeSelector selector, Node node) {
        for (NodeSelectorTerm term : selector.nodeSelectorTerms()) {
            if (matches(term, node)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(NodeSelectorTerm term, Node node) {
        if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.metadata().labels();
        for (NodeSelectorRequirement r : term.matchExpressions()) {
            if (!labelMatches(r, labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : term.matchFields()) {
            if (!fieldMatches(r, node)) {
                return false;
            }
        }
        return true;
    }

    static boolean labelMatches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.key());
        List<String> values = r.values();
        return switch (r.operator() == null ? "" : r.operator()) {
            case NodeSelectorOperator.IN -> !values.isEmpty() && value != null && values.contains(value);
            case NodeSelectorOperator.NOT_IN -> !values.isEmpty() && (value == null || !values.contains(value));
            case NodeSelectorOperator.EXISTS -> values.isEmpty() && value != null;
            case NodeSelectorOperator.DOES_NOT_EXIST -> values.isEmpty() && value == null;
            case NodeSelectorOperator.GT, NodeSelectorOperator.LT -> compareInts(r.operator(), values, value);
            default -> false;
        };
    }

    private static boolean compareInts(String op, List<String> values, String label) {
        if (values.size() != 1 || label == null) {
            return false;
        }
        try {
            long want = Long.parseLong(values.get(0));
            long have = Long.parseLong(label);
            return op.equals(NodeSelectorOperator.GT) ? have > want : have < want;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean fieldMatches(NodeSelectorRequirement r, Node node) {
        if (!"metadata.name".equals(r.key())) {
            return false;
        }
        String name = node.metadata().name();
        return switch (r.operator() == null ? "" : r.operator()) {
            case NodeSelectorOperator.IN -> r.values().size() == 1 && r.values().contains(name);
            case NodeSelectorOperator.NOT_IN -> r.values().size() == 1 && !r.values().contains(name);
            default -> false;
        };
    }
}
