package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.PodQOSClass;
import io.ksim.api.core.PodSpec;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A pod's quality-of-service class, as upstream's GetPodQOS computes it from the containers' (and init
 * containers') cpu and memory requests and limits: BestEffort when none is set; Guaranteed when every
 * container limits both cpu and memory and requests equal limits; Burstable otherwise.
 */
final class PodQos {

    private static final List<String> COMPUTE = List.of("cpu", "memory");

    private PodQos() {
    }

    static String of(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.containers());
        all.addAll(spec.initContainers());
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : all) {
            SortedMap<String, Quantity> requests = c.resources().requests();
            SortedMap<String, Quantity> limits = c.resources().limits();
            for (String r : COMPUTE) {
                boolean hasRequest = nonZero(requests, r);
                boolean hasLimit = nonZero(limits, r);
                any |= hasRequest || hasLimit;
                if (!hasLimit || (hasRequest && requests.get(r).compareTo(limits.get(r)) != 0)) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return PodQOSClass.BEST_EFFORT;
        }
        return guaranteed ? PodQOSClass.GUARANTEED : PodQOSClass.BURSTABLE;
    }

    private static boolean nonZero(Map<String, Quantity> list, String resource) {
        Quantity q = list.get(resource);
        return q != null && q.signum() != 0;
    }
}
