package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.PodSpec;
import io.ksim.api.resource.Quantity;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A pod's effective requests and limits, as upstream's PodRequests and PodLimits: the containers' sum; each
 * init container counts with the sidecars started before it, and the pod needs the largest of those; sidecars
 * also add to the sum. Overhead, when asked for, adds to every request and to the limits that are set.
 */
final class PodResourceSums {

    private PodResourceSums() {
    }

    static SortedMap<String, Quantity> requests(PodSpec spec, boolean withOverhead) {
        SortedMap<String, Quantity> out = sum(spec, c -> c.resources().requests());
        if (withOverhead) {
            add(out, spec.overhead());
        }
        return out;
    }

    static SortedMap<String, Quantity> limits(PodSpec spec, boolean withOverhead) {
        SortedMap<String, Quantity> out = sum(spec, c -> c.resources().limits());
        if (withOverhead) {
            spec.overhead().forEach((k, v) -> out.computeIfPresent(k, (key, q) -> q.add(v)));
        }
        return out;
    }

    private static SortedMap<String, Quantity> sum(PodSpec spec,
            Function<Container, SortedMap<String, Quantity>> list) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        for (Container c : spec.containers()) {
            add(out, list.apply(c));
        }
        SortedMap<String, Quantity> sidecars = new TreeMap<>();
        SortedMap<String, Quantity> init = new TreeMap<>();
        for (Container c : spec.initContainers()) {
            SortedMap<String, Quantity> needs;
            if (c.isRestartable()) {
                add(out, list.apply(c));
                add(sidecars, list.apply(c));
                needs = sidecars;
            } else {
                needs = new TreeMap<>(list.apply(c));
                add(needs, sidecars);
            }
            max(init, needs);
        }
        max(out, init);
        return out;
    }

    static void add(Map<String, Quantity> into, Map<String, Quantity> more) {
        more.forEach((k, v) -> into.merge(k, v, Quantity::add));
    }

    private static void max(Map<String, Quantity> into, Map<String, Quantity> other) {
        other.forEach((k, v) -> into.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
    }
}
