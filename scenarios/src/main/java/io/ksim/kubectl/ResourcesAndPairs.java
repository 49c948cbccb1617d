package io.ksim.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's split of {@code label}, {@code annotate} and {@code set image} arguments into resources and
 * {@code key=value} / {@code key-} pairs (cmdutil.GetResourcesAndPairs): every resource comes before the first
 * pair, else "all resources must be specified before ... changes".
 */
record ResourcesAndPairs(List<String> resources, List<String> pairs) {

    /** Splits {@code args}; {@code pairType} names the pairs in the error ("label", "annotation", "image"). */
    static ResourcesAndPairs split(List<String> args, String pairType) {
        List<String> resources = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (String s : args) {
            boolean pair = (s.contains("=") && s.charAt(0) != '=') || (s.endsWith("-") && !s.equals("-"));
            if (pair) {
                pairs.add(s);
            } else if (pairs.isEmpty()) {
                resources.add(s);
            } else {
                throw new KubectlException("error: all resources must be specified before " + pairType + " changes: " + s);
            }
        }
        return new ResourcesAndPairs(List.copyOf(resources), List.copyOf(pairs));
    }
}
