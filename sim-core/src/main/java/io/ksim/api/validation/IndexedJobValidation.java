package io.ksim.api.validation;

import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.SuccessPolicy.SuccessPolicyRule;
import java.util.List;
import java.util.TreeSet;

/**
 * The Job spec checks of backoffLimitPerIndex, maxFailedIndexes and successPolicy (upstream validateJobSpec and
 * validateSuccessPolicy, v1.32), called from {@link JobValidation} at upstream's places in its order.
 */
final class IndexedJobValidation {

    static final int MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
    static final int COMPLETIONS_SOFT_LIMIT = 100_000;
    static final int PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
    static final int MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
    static final int MAX_SUCCESS_POLICY_RULES = 20;
    static final int MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

    private IndexedJobValidation() {
    }

    /** maxFailedIndexes not negative and only with backoffLimitPerIndex. */
    static void maxFailedIndexes(JobSpec spec, FieldPath fldPath, List<FieldError> errs) {
        if (spec.maxFailedIndexes() == null) {
            return;
        }
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.maxFailedIndexes(), fldPath.child("maxFailedIndexes")));
        if (spec.backoffLimitPerIndex() == null) {
            errs.add(FieldError.required(fldPath.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
        }
    }

    /** The Indexed-mode limits on maxFailedIndexes and, past 100000 completions, on parallelism. */
    static void indexed(JobSpec spec, FieldPath fldPath, List<FieldError> errs) {
        Integer completions = spec.completions();
        Integer maxFailed = spec.maxFailedIndexes();
        FieldPath maxPath = fldPath.child("maxFailedIndexes");
        if (completions != null && maxFailed != null && maxFailed > completions) {
            errs.add(FieldError.invalid(maxPath, maxFailed, "must be less than or equal to completions"));
        }
        if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
            errs.add(FieldError.invalid(maxPath, maxFailed, "must be less than or equal to "
                    + MAX_FAILED_INDEXES_FOR_INDEXED_JOB));
        }
        if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && spec.backoffLimitPerIndex() != null) {
            String above = " when completions are above " + COMPLETIONS_SOFT_LIMIT + " and used with backoff limit per index";
            if (maxFailed == null) {
                errs.add(FieldError.required(maxPath, "must be specified when completions is above "
                        + COMPLETIONS_SOFT_LIMIT));
            }
            if (spec.parallelism() != null && spec.parallelism() > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
                errs.add(FieldError.invalid(fldPath.child("parallelism"), spec.parallelism(),
                        "must be less than or equal to " + PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS + above));
            }
            if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
                errs.add(FieldError.invalid(maxPath, maxFailed,
                        "must be less than or equal to " + MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS + above));
            }
        }
    }

    /** A NonIndexed Job has neither per-index field. */
    static void nonIndexed(JobSpec spec, FieldPath fldPath, List<FieldError> errs) {
        if (spec.backoffLimitPerIndex() != null) {
            errs.add(FieldError.invalid(fldPath.child("backoffLimitPerIndex"), spec.backoffLimitPerIndex(),
                    "requires indexed completion mode"));
        }
        if (spec.maxFailedIndexes() != null) {
            errs.add(FieldError.invalid(fldPath.child("maxFailedIndexes"), spec.maxFailedIndexes(),
                    "requires indexed completion mode"));
        }
    }

    /**
     * successPolicy: Indexed Jobs only (the bad value is shown as {@code batch.SuccessPolicy{...}}, where upstream
     * prints the struct with its pointers), at least one and at most 20 rules, each with succeededCount or
     * succeededIndexes, succeededCount not negative nor above completions nor above the rule's indexes.
     */
    static void successPolicy(JobSpec spec, FieldPath fldPath, List<FieldError> errs) {
        if (spec.successPolicy() == null) {
            return;
        }
        FieldPath path = fldPath.child("successPolicy");
        if (!JobSpec.INDEXED.equals(spec.completionMode())) {
            errs.add(FieldError.invalid(path, new FieldError.Rendered("batch.SuccessPolicy{...}"),
                    "requires indexed completion mode"));
            return;
        }
        List<SuccessPolicyRule> rules = spec.successPolicy().rules();
        FieldPath rulesPath = path.child("rules");
        if (rules.isEmpty()) {
            errs.add(FieldError.required(rulesPath, "at least one rules must be specified when the successPolicy is specified"));
        }
        if (rules.size() > MAX_SUCCESS_POLICY_RULES) {
            errs.add(FieldError.tooMany(rulesPath, rules.size(), MAX_SUCCESS_POLICY_RULES));
        }
        int completions = spec.completions() == null ? 0 : spec.completions();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            FieldPath rulePath = rulesPath.index(i);
            if (rule.succeededCount() == null && rule.succeededIndexes() == null) {
                errs.add(FieldError.required(rulePath, "at least one of succeededCount or succeededIndexes must be specified"));
            }
            int totalIndexes = 0;
            if (rule.succeededIndexes() != null) {
                if (rule.succeededIndexes().length() > MAX_SUCCEEDED_INDEXES_LENGTH) {
                    errs.add(FieldError.tooLong(rulePath.child("succeededIndexes"), MAX_SUCCEEDED_INDEXES_LENGTH));
                }
                totalIndexes = count(rule.succeededIndexes());
            }
            if (rule.succeededCount() != null) {
                FieldPath countPath = rulePath.child("succeededCount");
                int n = rule.succeededCount();
                errs.addAll(ObjectMetaValidation.validateNonnegativeField(n, countPath));
                if (n > completions) {
                    errs.add(FieldError.invalid(countPath, n, "must be less than or equal to " + completions
                            + " (the number of specified completions)"));
                }
                if (rule.succeededIndexes() != null && n > totalIndexes) {
                    errs.add(FieldError.invalid(countPath, n, "must be less than or equal to " + totalIndexes
                            + " (the number of indexes in the specified succeededIndexes field)"));
                }
            }
        }
    }

    /** How many indexes an interval list such as "0-3,5" names; malformed parts count nothing. */
    private static int count(String intervals) {
        TreeSet<Integer> all = new TreeSet<>();
        for (String part : intervals.split(",")) {
            String[] ends = part.trim().split("-", -1);
            try {
                int first = Integer.parseInt(ends[0]);
                int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
                for (int x = first; ends.length <= 2 && x <= last && all.size() <= MAX_SUCCEEDED_INDEXES_LENGTH; x++) {
                    all.add(x);
                }
            } catch (NumberFormatException e) {
                // the format error is not checked (see FIDELITY); it adds no index
            }
        }
        return all.size();
    }
}
