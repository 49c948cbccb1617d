package io.ksim.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/** When an Indexed Job may be declared succeeded before all indexes succeed (batch/v1 SuccessPolicy). */
public record SuccessPolicy(List<SuccessPolicyRule> rules) {

    public SuccessPolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * A rule: the indexes in {@code succeededIndexes} (an interval list such as "0-3,5"), or at least
     * {@code succeededCount} of them, have succeeded.
     */
    public record SuccessPolicyRule(@JsonInclude(Include.NON_NULL) String succeededIndexes, Integer succeededCount) {
    }
}
