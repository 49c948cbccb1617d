package io.ksim.scheduler.framework;

import io.ksim.api.core.Container;
import io.ksim.api.core.PodSpec;
import io.ksim.api.resource.Quantity;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A pod's requests as the scheduler counts them (upstream resourcehelper.PodRequests): the containers'
 * sum; each init container counts together with the sidecars started before it and the pod needs the
 * largest of those; sidecars add to the sum; overhead adds on top.
 *
 * <p>The non-zero variant is for scoring only: a container that states no cpu request counts as 100m and
 * one that states no memory request as 200 MiB (upstream DefaultMilliCPURequest / DefaultMemoryRequest),
 * so that best-effort pods still spread. An explicit request of 0 stays 0.
 */
public final class PodRequests {

    /** upstream schedutil.DefaultMilliCPURequest. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** upstream schedutil.DefaultMemoryRequest: 200 MiB. */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private static final Quantity DEFAULT_CPU = Quantity.parse("100m");
    private static final Quantity DEFAULT_MEMORY = Quantity.parse("200Mi");

    private PodRequests() {
    }

    /** The requests the filter compares with allocatable. */
    public static Resource of(PodSpec spec) {
        return Resource.fromList(sum(spec, false));
    }

    /** The requests scoring uses, with the non-zero defaults for missing cpu and memory requests. */
    public static Resource nonZero(PodSpec spec) {
        return Resource.fromList(sum(spec, true));
    }

    private static SortedMap<String, Quantity> sum(PodSpec spec, boolean nonZero) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        for (Container c : spec.containers()) {
            add(out, requests(c, nonZero));
        }
        SortedMap<String, Quantity> sidecars = new TreeMap<>();
        SortedMap<String, Quantity> init = new TreeMap<>();
        for (Container c : spec.initContainers()) {
            Map<String, Quantity> own = requests(c, nonZero);
            SortedMap<String, Quantity> needs;
            if (c.isRestartable()) {
                add(out, own);
                add(sidecars, own);
                needs = sidecars;
            } else {
                needs = new TreeMap<>(own);
                add(needs, sidecars);
            }
            needs.forEach((k, v) -> init.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
        }
        init.forEach((k, v) -> out.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
        add(out, spec.overhead());
        return out;
    }

    private static Map<String, Quantity> requests(Container c, boolean nonZero) {
        Map<String, Quantity> req = c.resources().requests();
        if (!nonZero || (req.containsKey(Resource.CPU) && req.containsKey(Resource.MEMORY))) {
            return req;
        }
        Map<String, Quantity> filled = new TreeMap<>(req);
        filled.putIfAbsent(Resource.CPU, DEFAULT_CPU);
        filled.putIfAbsent(Resource.MEMORY, DEFAULT_MEMORY);
        return filled;
    }

    private static void add(Map<String, Quantity> into, Map<String, Quantity> more) {
        more.forEach((k, v) -> into.merge(k, v, Quantity::add));
    }
}
