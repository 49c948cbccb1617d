package io.ksim.scheduler;

/**
 * One score plugin's part in a node's total: raw score, normalized score (0..100) and the profile weight.
 *
 * @param plugin     the plugin's upstream name
 * @param raw        what Score returned
 * @param normalized after NormalizeScore (equal to raw for plugins without normalization)
 * @param weight     the plugin's weight in the profile
 */
public record PluginScore(String plugin, long raw, long normalized, int weight) {

    /** normalized x weight: the plugin's contribution to the total. */
    public long weighted() {
        return normalized * weight;
    }
}
