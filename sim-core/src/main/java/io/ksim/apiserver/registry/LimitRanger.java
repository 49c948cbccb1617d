package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger) for pods: a new pod's containers and
 * init containers get the {@code default} limits and {@code defaultRequest} requests of the namespace's
 * Container limit ranges for resources they do not set (noted in the {@code kubernetes.io/limit-ranger}
 * annotation), then every Container and Pod item's min, max and maxLimitRequestRatio is checked; all
 * violations are refused together as Forbidden, e.g. {@code pods "web" is forbidden: [maximum cpu usage per
 * Container is 1, but limit is 2, minimum memory usage per Container is 64Mi, but request is 32Mi]}.
 *
 * <p>As upstream, pod updates are not checked (containers and their resources are immutable), and limit
 * ranges are taken in name order; upstream walks each item's resource map in Go's random map order, ksim in
 * resource-name order. PersistentVolumeClaim items are not enforced here.
 */
public final class LimitRanger implements AdmissionPlugin {

    public static final String ANNOTATION = "kubernetes.io/limit-ranger";
    /** The largest value upstream compares in milli-units without overflow (MaxInt64 / 1000). */
    private static final long MAX_MILLI_VALUE = Long.MAX_VALUE / 1000;

    /** The LimitRanges, as upstream's informer lister. */
    private final WatchedObjects<LimitRange> rangeLister;

    public LimitRanger(ApiServer api) {
        this.rangeLister = new WatchedObjects<>(api, BuiltinResources.LIMIT_RANGES);
    }

    @Override
    public String name() {
        return "LimitRanger";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type != BuiltinResources.PODS || operation != Operation.CREATE) {
            return obj;
        }
        List<LimitRange> ranges = rangeLister.in(namespace);
        if (ranges.isEmpty()) {
            return obj;
        }
        Pod pod = (Pod) obj;
        for (LimitRange lr : ranges) {
            pod = applyDefaults(lr, pod);
        }
        for (LimitRange lr : ranges) {
            List<String> errors = validate(lr, pod.spec());
            if (!errors.isEmpty()) {
                throw ApiErrors.forbidden(type.groupResource(), attributeName(name, obj), ApiErrors.aggregate(errors));
            }
        }
        return type.cast(pod);
    }

    /** The name admission errors give: the object's name, else its generateName, else "Unknown". */
    static String attributeName(String name, KubeObject obj) {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        if (obj != null && obj.metadata().name() != null && !obj.metadata().name().isEmpty()) {
            return obj.metadata().name();
        }
        if (obj != null && obj.metadata().generateName() != null && !obj.metadata().generateName().isEmpty()) {
            return obj.metadata().generateName();
        }
        return "Unknown";
    }

    // ---- defaulting -----------------------------------------------------------------------------

    private static Pod applyDefaults(LimitRange lr, Pod pod) {
        SortedMap<String, Quantity> defaultLimits = new TreeMap<>();
        SortedMap<String, Quantity> defaultRequests = new TreeMap<>();
        for (LimitRangeItem item : lr.spec().limits()) {
            if (LimitRangeItem.TYPE_CONTAINER.equals(item.type())) {
                defaultRequests.putAll(item.defaultRequest());
                defaultLimits.putAll(item.defaultLimit());
            }
        }
        List<String> notes = new ArrayList<>();
        List<Container> containers = merge(pod.spec().containers(), defaultLimits, defaultRequests, "container", notes);
        List<Container> inits = merge(pod.spec().initContainers(), defaultLimits, defaultRequests, "init container",
                notes);
        if (notes.isEmpty()) {
            return pod;
        }
        Map<String, String> annotations = new LinkedHashMap<>(pod.metadata().annotations());
        annotations.put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
        PodSpec spec = pod.spec().toBuilder().containers(containers).initContainers(inits).build();
        return pod.withSpec(spec).withMetadata(pod.metadata().withAnnotations(annotations));
    }

    private static List<Container> merge(List<Container> containers, SortedMap<String, Quantity> defaultLimits,
            SortedMap<String, Quantity> defaultRequests, String prefix, List<String> notes) {
        List<Container> out = new ArrayList<>(containers.size());
        for (Container c : containers) {
            TreeMap<String, Quantity> limits = new TreeMap<>(c.resources().limits());
            TreeMap<String, Quantity> requests = new TreeMap<>(c.resources().requests());
            List<String> setLimits = new ArrayList<>();
            List<String> setRequests = new ArrayList<>();
            defaultLimits.forEach((k, v) -> {
                if (limits.putIfAbsent(k, v) == null) {
                    setLimits.add(k);
                }
            });
            defaultRequests.forEach((k, v) -> {
                if (requests.putIfAbsent(k, v) == null) {
                    setRequests.add(k);
                }
            });
            if (!setRequests.isEmpty()) {
                notes.add(String.join(", ", setRequests) + " request for " + prefix + " " + c.name());
            }
            if (!setLimits.isEmpty()) {
                notes.add(String.join(", ", setLimits) + " limit for " + prefix + " " + c.name());
            }
            out.add(setLimits.isEmpty() && setRequests.isEmpty() ? c
                    : c.toBuilder().resources(c.resources().withLimits(limits).withRequests(requests)).build());
        }
        return out;
    }

    // ---- validation -----------------------------------------------------------------------------

    private static List<String> validate(LimitRange lr, PodSpec spec) {
        List<String> errors = new ArrayList<>();
        for (LimitRangeItem item : lr.spec().limits()) {
            if (LimitRangeItem.TYPE_CONTAINER.equals(item.type())) {
                List<Container> all = new ArrayList<>(spec.containers());
                all.addAll(spec.initContainers());
                for (Container c : all) {
                    check(item, c.resources().requests(), c.resources().limits(), errors);
                }
            } else if (LimitRangeItem.TYPE_POD.equals(item.type())) {
                check(item, PodResourceSums.requests(spec, false), PodResourceSums.limits(spec, false), errors);
            }
        }
        return errors;
    }

    private static void check(LimitRangeItem item, Map<String, Quantity> requests, Map<String, Quantity> limits,
            List<String> errors) {
        String type = item.type();
        item.min().forEach((k, v) -> add(errors, min(type, k, v, requests, limits)));
        item.max().forEach((k, v) -> add(errors, max(type, k, v, requests, limits)));
        item.maxLimitRequestRatio().forEach((k, v) -> add(errors, ratio(type, k, v, requests, limits)));
    }

    private static void add(List<String> errors, String error) {
        if (error != null) {
            errors.add(error);
        }
    }

    private static String min(String type, String resource, Quantity enforced, Map<String, Quantity> requests,
            Map<String, Quantity> limits) {
        Quantity req = requests.get(resource);
        Quantity lim = limits.get(resource);
        long[] v = values(req, lim, enforced);
        if (req == null) {
            return String.format("minimum %s usage per %s is %s.  No request is specified", resource, type, enforced);
        }
        if (v[0] < v[2]) {
            return String.format("minimum %s usage per %s is %s, but request is %s", resource, type, enforced, req);
        }
        if (lim != null && v[1] < v[2]) {
            return String.format("minimum %s usage per %s is %s, but limit is %s", resource, type, enforced, lim);
        }
        return null;
    }

    private static String max(String type, String resource, Quantity enforced, Map<String, Quantity> requests,
            Map<String, Quantity> limits) {
        Quantity req = requests.get(resource);
        Quantity lim = limits.get(resource);
        long[] v = values(req, lim, enforced);
        if (lim == null) {
            return String.format("maximum %s usage per %s is %s.  No limit is specified", resource, type, enforced);
        }
        if (v[1] > v[2]) {
            return String.format("maximum %s usage per %s is %s, but limit is %s", resource, type, enforced, lim);
        }
        if (req != null && v[0] > v[2]) {
            return String.format("maximum %s usage per %s is %s, but request is %s", resource, type, enforced, req);
        }
        return null;
    }

    private static String ratio(String type, String resource, Quantity enforced, Map<String, Quantity> requests,
            Map<String, Quantity> limits) {
        Quantity req = requests.get(resource);
        Quantity lim = limits.get(resource);
        long[] v = values(req, lim, enforced);
        if (req == null || v[0] == 0) {
            return String.format("%s max limit to request ratio per %s is %s, but no request is specified or request"
                    + " is 0", resource, type, enforced);
        }
        if (lim == null || v[1] == 0) {
            return String.format("%s max limit to request ratio per %s is %s, but no limit is specified or limit"
                    + " is 0", resource, type, enforced);
        }
        double observed = (double) v[1] / (double) v[0];
        double compared = observed;
        double maxRatio = enforced.value();
        if (enforced.value() <= MAX_MILLI_VALUE) {
            compared = observed * 1000;
            maxRatio = enforced.milliValue();
        }
        if (compared > maxRatio) {
            return String.format(Locale.ROOT, "%s max limit to request ratio per %s is %s, but provided ratio is %f",
                    resource, type, enforced, observed);
        }
        return null;
    }

    /**
     * Request, limit and enforced value at a common precision, as upstream: milli-units when all three fit,
     * whole units otherwise, each rounded up; a missing quantity is 0.
     */
    private static long[] values(Quantity req, Quantity lim, Quantity enforced) {
        Quantity r = req == null ? Quantity.ZERO : req;
        Quantity l = lim == null ? Quantity.ZERO : lim;
        long[] v = {r.value(), l.value(), enforced.value()};
        if (v[0] <= MAX_MILLI_VALUE && v[1] <= MAX_MILLI_VALUE && v[2] <= MAX_MILLI_VALUE) {
            v = new long[] {r.milliValue(), l.milliValue(), enforced.milliValue()};
        }
        return v;
    }
}
