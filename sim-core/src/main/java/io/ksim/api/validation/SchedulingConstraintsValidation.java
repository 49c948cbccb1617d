package io.ksim.api.validation;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.NodeAffinity;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.core.WeightedPodAffinityTerm;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.selector.LabelSelectorValidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod spec's affinity and topology spread constraints, as upstream's validateAffinity and
 * validateTopologySpreadConstraints check them, e.g.
 * {@code spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values:
 * Required value: must be specified when `operator` is 'In' or 'NotIn'} and
 * {@code spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero}.
 */
final class SchedulingConstraintsValidation {

    private SchedulingConstraintsValidation() {
    }

    static final String NOT_POSITIVE = "must be greater than zero";
    /** Sorted, as upstream lists its sets. */
    static final List<String> WHEN_UNSATISFIABLE = List.of("DoNotSchedule", "ScheduleAnyway");
    static final List<String> NODE_INCLUSION_POLICIES = List.of("Honor", "Ignore");

    static List<FieldError> validateAffinity(Affinity affinity, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (affinity == null) {
            return errs;
        }
        NodeAffinity na = affinity.nodeAffinity();
        if (na != null) {
            FieldPath p = fldPath.child("nodeAffinity");
            NodeSelector required = na.requiredDuringSchedulingIgnoredDuringExecution();
            if (required != null) {
                errs.addAll(nodeSelector(required, p.child("requiredDuringSchedulingIgnoredDuringExecution")));
            }
            var preferred = na.preferredDuringSchedulingIgnoredDuringExecution();
            for (int i = 0; preferred != null && i < preferred.size(); i++) {
                FieldPath t = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                if (preferred.get(i).weight() <= 0 || preferred.get(i).weight() > 100) {
                    errs.add(FieldError.invalid(t.child("weight"), preferred.get(i).weight(), "must be in the range 1-100"));
                }
                // Preferred terms may hold any label value: they can match on a one-node cluster.
                errs.addAll(nodeSelectorTerm(preferred.get(i).preference(), true, t.child("preference")));
            }
        }
        if (affinity.podAffinity() != null) {
            errs.addAll(podAffinityTerms(affinity.podAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.podAffinity().preferredDuringSchedulingIgnoredDuringExecution(), fldPath.child("podAffinity")));
        }
        if (affinity.podAntiAffinity() != null) {
            errs.addAll(podAffinityTerms(affinity.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution(),
                    fldPath.child("podAntiAffinity")));
        }
        return errs;
    }

    private static List<FieldError> nodeSelector(NodeSelector selector, FieldPath fldPath) {
        FieldPath terms = fldPath.child("nodeSelectorTerms");
        if (selector.nodeSelectorTerms().isEmpty()) {
            return List.of(FieldError.required(terms, "must have at least one node selector term"));
        }
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < selector.nodeSelectorTerms().size(); i++) {
            errs.addAll(nodeSelectorTerm(selector.nodeSelectorTerms().get(i), false, terms.index(i)));
        }
        return errs;
    }

    private static List<FieldError> nodeSelectorTerm(NodeSelectorTerm term, boolean anyValue, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        List<NodeSelectorRequirement> exprs = term.matchExpressions() == null ? List.of() : term.matchExpressions();
        for (int j = 0; j < exprs.size(); j++) {
            errs.addAll(requirement(exprs.get(j), anyValue, fldPath.child("matchExpressions").index(j)));
        }
        List<NodeSelectorRequirement> fields = term.matchFields() == null ? List.of() : term.matchFields();
        for (int j = 0; j < fields.size(); j++) {
            errs.addAll(fieldRequirement(fields.get(j), fldPath.child("matchFields").index(j)));
        }
        return errs;
    }

    private static List<FieldError> requirement(NodeSelectorRequirement rq, boolean anyValue, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String op = rq.operator() == null ? "" : rq.operator();
        switch (op) {
            case "In", "NotIn" -> {
                if (rq.values().isEmpty()) {
                    errs.add(FieldError.required(fldPath.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!rq.values().isEmpty()) {
                    errs.add(FieldError.forbidden(fldPath.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            case "Gt", "Lt" -> {
                if (rq.values().size() != 1) {
                    errs.add(FieldError.required(fldPath.child("values"),
                            "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                }
            }
            default -> errs.add(FieldError.invalid(fldPath.child("operator"), op, "not a valid selector operator"));
        }
        errs.addAll(ObjectMetaValidation.validateLabelName(rq.key() == null ? "" : rq.key(), fldPath.child("key")));
        if (!anyValue) {
            for (int i = 0; i < rq.values().size(); i++) {
                String v = rq.values().get(i);
                for (String msg : NameValidation.isValidLabelValue(v)) {
                    errs.add(FieldError.invalid(fldPath.child("values").index(i), v, msg));
                }
            }
        }
        return errs;
    }

    /** Node field selectors: only {@code metadata.name}, with In or NotIn and exactly one node name. */
    private static List<FieldError> fieldRequirement(NodeSelectorRequirement rq, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String op = rq.operator() == null ? "" : rq.operator();
        if (op.equals("In") || op.equals("NotIn")) {
            if (rq.values().size() != 1) {
                errs.add(FieldError.required(fldPath.child("values"),
                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
            }
        } else {
            errs.add(FieldError.invalid(fldPath.child("operator"), op, "not a valid selector operator"));
        }
        if (!"metadata.name".equals(rq.key())) {
            errs.add(FieldError.invalid(fldPath.child("key"), rq.key(), "not a valid field selector key"));
        } else {
            for (int i = 0; i < rq.values().size(); i++) {
                String v = rq.values().get(i);
                for (String msg : NameValidation.isDns1123Subdomain(v)) {
                    errs.add(FieldError.invalid(fldPath.child("values").index(i), v, msg));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> podAffinityTerms(List<PodAffinityTerm> required, List<WeightedPodAffinityTerm> preferred,
            FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; required != null && i < required.size(); i++) {
            errs.addAll(podAffinityTerm(required.get(i), fldPath.child("requiredDuringSchedulingIgnoredDuringExecution").index(i)));
        }
        for (int i = 0; preferred != null && i < preferred.size(); i++) {
            FieldPath p = fldPath.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
            int weight = preferred.get(i).weight();
            if (weight <= 0 || weight > 100) {
                errs.add(FieldError.invalid(p.child("weight"), weight, "must be in the range 1-100"));
            }
            errs.addAll(podAffinityTerm(preferred.get(i).podAffinityTerm(), p.child("podAffinityTerm")));
        }
        return errs;
    }

    private static List<FieldError> podAffinityTerm(PodAffinityTerm term, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(selector(term.labelSelector(), fldPath.child("labelSelector")));
        errs.addAll(selector(term.namespaceSelector(), fldPath.child("namespaceSelector")));
        if (term.namespaces() != null) {
            for (String ns : term.namespaces()) {
                // Upstream's path is "namespace", singular and without an index.
                for (String msg : NameValidation.isDns1123Label(ns)) {
                    errs.add(FieldError.invalid(fldPath.child("namespace"), ns, msg));
                }
            }
        }
        errs.addAll(labelKeys(term.matchLabelKeys(), term.labelSelector(), fldPath.child("matchLabelKeys")));
        errs.addAll(labelKeys(term.mismatchLabelKeys(), term.labelSelector(), fldPath.child("mismatchLabelKeys")));
        errs.addAll(labelKeysInSelector(term.matchLabelKeys(), term.labelSelector(), fldPath));
        Set<String> mismatch = new HashSet<>(term.mismatchLabelKeys());
        for (int i = 0; i < term.matchLabelKeys().size(); i++) {
            String k = term.matchLabelKeys().get(i);
            if (mismatch.contains(k)) {
                errs.add(FieldError.invalid(fldPath.child("matchLabelKeys").index(i), k,
                        "exists in both matchLabelKeys and mismatchLabelKeys"));
            }
        }
        String key = term.topologyKey() == null ? "" : term.topologyKey();
        if (key.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("topologyKey"), "can not be empty"));
        }
        errs.addAll(ObjectMetaValidation.validateLabelName(key, fldPath.child("topologyKey")));
        return errs;
    }

    /**
     * upstream's check that a matchLabelKeys key is not in the labelSelector too. It runs on the pod as stored,
     * after the API server appended {@code key In [value]} for each matchLabelKeys key the pod has a label for,
     * so it finds a key that occurs twice in the selector (matchLabels first, then the expressions in order)
     * and is in matchLabelKeys. Its path is the term's with the key's index, as upstream's
     * ({@code ...requiredDuringSchedulingIgnoredDuringExecution[0][0]}).
     */
    private static List<FieldError> labelKeysInSelector(List<String> keys, LabelSelector selector, FieldPath fldPath) {
        if (selector == null || keys.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
        Set<String> seen = new HashSet<>(selector.matchLabels().keySet());
        List<FieldError> errs = new ArrayList<>();
        for (io.ksim.api.meta.LabelSelectorRequirement e : selector.matchExpressions()) {
            Integer i = index.get(e.key());
            if (i != null && seen.contains(e.key())) {
                errs.add(FieldError.invalid(fldPath.index(i), e.key(), "exists in both matchLabelKeys and labelSelector"));
            }
            seen.add(e.key());
        }
        return errs;
    }

    private static List<FieldError> labelKeys(List<String> keys, LabelSelector selector, FieldPath fldPath) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        if (selector == null) {
            return List.of(FieldError.forbidden(fldPath, "must not be specified when labelSelector is not set"));
        }
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            errs.addAll(ObjectMetaValidation.validateLabelName(keys.get(i), fldPath.index(i)));
        }
        return errs;
    }

    static List<FieldError> validateTopologySpreadConstraints(List<TopologySpreadConstraint> constraints, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            TopologySpreadConstraint c = constraints.get(i);
            FieldPath p = fldPath.index(i);
            if (c.maxSkew() <= 0) {
                errs.add(FieldError.invalid(p.child("maxSkew"), c.maxSkew(), NOT_POSITIVE));
            }
            String key = c.topologyKey() == null ? "" : c.topologyKey();
            if (key.isEmpty()) {
                errs.add(FieldError.required(p.child("topologyKey"), "can not be empty"));
            }
            String action = c.whenUnsatisfiable() == null ? "" : c.whenUnsatisfiable();
            if (!WHEN_UNSATISFIABLE.contains(action)) {
                errs.add(FieldError.notSupported(p.child("whenUnsatisfiable"), action, WHEN_UNSATISFIABLE));
            }
            for (TopologySpreadConstraint rest : constraints.subList(i + 1, constraints.size())) {
                if (key.equals(rest.topologyKey()) && action.equals(rest.whenUnsatisfiable())) {
                    errs.add(FieldError.duplicate(p.child("{topologyKey, whenUnsatisfiable}"), "{" + key + ", " + action + "}"));
                    break;
                }
            }
            if (c.minDomains() != null) {
                if (c.minDomains() <= 0) {
                    errs.add(FieldError.invalid(p.child("minDomains"), c.minDomains(), NOT_POSITIVE));
                }
                if (!action.equals("DoNotSchedule")) {
                    errs.add(FieldError.invalid(p.child("minDomains"), c.minDomains(),
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + action));
                }
            }
            inclusionPolicy(c.nodeAffinityPolicy(), p.child("nodeAffinityPolicy"), errs);
            inclusionPolicy(c.nodeTaintsPolicy(), p.child("nodeTaintsPolicy"), errs);
            errs.addAll(matchLabelKeys(c.matchLabelKeys(), c.labelSelector(), p.child("matchLabelKeys")));
            errs.addAll(selector(c.labelSelector(), p.child("labelSelector")));
        }
        return errs;
    }

    private static List<FieldError> matchLabelKeys(List<String> keys, LabelSelector selector, FieldPath fldPath) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>();
        Set<String> selectorKeys = new HashSet<>();
        if (selector != null) {
            selectorKeys.addAll(selector.matchLabels().keySet());
            selector.matchExpressions().forEach(e -> selectorKeys.add(e.key()));
        } else {
            errs.add(FieldError.forbidden(fldPath, "must not be specified when labelSelector is not set"));
        }
        for (int i = 0; i < keys.size(); i++) {
            errs.addAll(ObjectMetaValidation.validateLabelName(keys.get(i), fldPath.index(i)));
            if (selectorKeys.contains(keys.get(i))) {
                errs.add(FieldError.invalid(fldPath.index(i), keys.get(i), "exists in both matchLabelKeys and labelSelector"));
            }
        }
        return errs;
    }

    private static void inclusionPolicy(String policy, FieldPath path, List<FieldError> errs) {
        if (policy != null && !NODE_INCLUSION_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(path, policy, NODE_INCLUSION_POLICIES));
        }
    }

    private static List<FieldError> selector(LabelSelector s, FieldPath fldPath) {
        if (s == null) {
            return List.of();
        }
        return LabelSelectorValidation.validate(s.matchLabels(), s.matchExpressions(), LabelSelectorValidation.Options.DEFAULT,
                fldPath);
    }
}
