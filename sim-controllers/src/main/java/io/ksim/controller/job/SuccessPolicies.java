package io.ksim.controller.job;

import io.ksim.api.batch.SuccessPolicy;
import io.ksim.api.batch.SuccessPolicy.SuccessPolicyRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Indexed Job's successPolicy (upstream pkg/controller/job/success_policy.go, JobSuccessPolicy beta and on in
 * 1.32): the first rule whose indexes have all succeeded (or at least {@code succeededCount} of them), or, for a
 * rule with only {@code succeededCount}, that many succeeded indexes, declares the Job succeeded with
 * "Matched rules at index N".
 */
final class SuccessPolicies {

    private SuccessPolicies() {
    }

    /** The SuccessCriteriaMet message, or null when no rule is met. */
    static String match(SuccessPolicy policy, int completions, Set<Integer> succeeded) {
        if (policy == null || succeeded.isEmpty()) {
            return null;
        }
        List<SuccessPolicyRule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            if (rule.succeededIndexes() != null) {
                TreeSet<Integer> required = parse(rule.succeededIndexes(), completions);
                if (required.isEmpty()) {
                    continue;
                }
                long contained = required.stream().filter(succeeded::contains).count();
                boolean met = rule.succeededCount() != null ? contained >= rule.succeededCount()
                        : contained >= required.size();
                if (met) {
                    return "Matched rules at index " + i;
                }
            } else if (rule.succeededCount() != null && succeeded.size() >= rule.succeededCount()) {
                return "Matched rules at index " + i;
            }
        }
        return null;
    }

    /** An interval list such as "0-3,5"; indexes at or past {@code completions}, and malformed parts, are dropped. */
    static TreeSet<Integer> parse(String intervals, int completions) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : intervals.split(",")) {
            String[] ends = part.trim().split("-", -1);
            try {
                int first = Integer.parseInt(ends[0]);
                int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
                if (ends.length > 2 || first < 0 || last < first) {
                    continue;
                }
                for (int x = first; x <= last && x < completions; x++) {
                    out.add(x);
                }
            } catch (NumberFormatException e) {
                // upstream logs and skips what it cannot parse
            }
        }
        return out;
    }
}
