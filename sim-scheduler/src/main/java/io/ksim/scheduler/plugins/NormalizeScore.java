package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ScorePlugin;

/**
 * upstream helper.DefaultNormalizeScore: scales scores so the largest becomes 100 (integer division);
 * with {@code reverse}, 100 minus that. When every score is 0 they all become 100 if reversed and stay 0
 * otherwise.
 *
 * <p>Example: raw {1, 2, 0} becomes {50, 100, 0}; reversed {50, 0, 100}.
 */
public final class NormalizeScore {

    private NormalizeScore() {
    }

    public static void defaultNormalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        if (max == 0) {
            if (reverse) {
                java.util.Arrays.fill(scores, ScorePlugin.MAX_NODE_SCORE);
            }
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            long s = ScorePlugin.MAX_NODE_SCORE * scores[i] / max;
            scores[i] = reverse ? ScorePlugin.MAX_NODE_SCORE - s : s;
        }
    }
}
