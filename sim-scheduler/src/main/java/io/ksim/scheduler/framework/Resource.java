package io.ksim.scheduler.framework;

import io.ksim.api.resource.Quantity;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts of compute resources in the scheduler's units (upstream framework.Resource): cpu in millicores,
 * memory and ephemeral storage in bytes, a pod count, and other resources (extended resources,
 * hugepages) by name. Mutable, because a node's running sums change with every pod the cache adds or
 * removes; values handed to plugins are never changed by them.
 */
public final class Resource {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    /** Where {@link #get(int, String)} finds a resource: see {@link #fieldOf}. */
    public static final int CPU_FIELD = 0;
    public static final int MEMORY_FIELD = 1;
    public static final int EPHEMERAL_STORAGE_FIELD = 2;
    public static final int PODS_FIELD = 3;
    /** Any other resource: looked up by name in {@link #scalar}. */
    public static final int SCALAR_FIELD = 4;

    public long milliCpu;
    public long memory;
    public long ephemeralStorage;
    public long allowedPodNumber;
    /** Other resources by name, sorted so that reasons about them come out in a stable order. */
    public final TreeMap<String, Long> scalar = new TreeMap<>();

    public Resource() {
    }

    public Resource(long milliCpu, long memory) {
        this.milliCpu = milliCpu;
        this.memory = memory;
    }

    /** A node's allocatable (or capacity) list in scheduler units. */
    public static Resource fromList(Map<String, Quantity> list) {
        Resource r = new Resource();
        list.forEach((name, q) -> r.set(name, q));
        return r;
    }

    private void set(String name, Quantity q) {
        switch (name) {
            case CPU -> milliCpu = q.milliValue();
            case MEMORY -> memory = q.value();
            case EPHEMERAL_STORAGE -> ephemeralStorage = q.value();
            case PODS -> allowedPodNumber = q.value();
            default -> scalar.put(name, q.value());
        }
    }

    /** Adds a resource list of a container or pod (no "pods" entry is expected there). */
    public void add(Map<String, Quantity> list) {
        list.forEach((name, q) -> {
            switch (name) {
                case CPU -> milliCpu += q.milliValue();
                case MEMORY -> memory += q.value();
                case EPHEMERAL_STORAGE -> ephemeralStorage += q.value();
                case PODS -> allowedPodNumber += q.value();
                default -> scalar.merge(name, q.value(), Long::sum);
            }
        });
    }

    public void add(Resource other) {
        milliCpu += other.milliCpu;
        memory += other.memory;
        ephemeralStorage += other.ephemeralStorage;
        allowedPodNumber += other.allowedPodNumber;
        other.scalar.forEach((k, v) -> scalar.merge(k, v, Long::sum));
    }

    public void subtract(Resource other) {
        milliCpu -= other.milliCpu;
        memory -= other.memory;
        ephemeralStorage -= other.ephemeralStorage;
        allowedPodNumber -= other.allowedPodNumber;
        other.scalar.forEach((k, v) -> scalar.merge(k, -v, Long::sum));
    }

    /** Raises each amount to {@code other}'s where that is larger (upstream SetMaxResource). */
    public void setMax(Resource other) {
        milliCpu = Math.max(milliCpu, other.milliCpu);
        memory = Math.max(memory, other.memory);
        ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
        other.scalar.forEach((k, v) -> scalar.merge(k, v, Math::max));
    }

    /** The amount of {@code name} in scheduler units (millicores for cpu), 0 if absent. */
    public long get(String name) {
        return get(fieldOf(name), name);
    }

    /**
     * The field that holds {@code name}. Plugins that read the same resources on every node resolve their
     * names once with this and then call {@link #get(int, String)}, which skips matching the name.
     */
    public static int fieldOf(String name) {
        return switch (name) {
            case CPU -> CPU_FIELD;
            case MEMORY -> MEMORY_FIELD;
            case EPHEMERAL_STORAGE -> EPHEMERAL_STORAGE_FIELD;
            case PODS -> PODS_FIELD;
            default -> SCALAR_FIELD;
        };
    }

    /** The amount of {@code name}, whose field {@link #fieldOf} gave as {@code field}; 0 if absent. */
    public long get(int field, String name) {
        return switch (field) {
            case CPU_FIELD -> milliCpu;
            case MEMORY_FIELD -> memory;
            case EPHEMERAL_STORAGE_FIELD -> ephemeralStorage;
            case PODS_FIELD -> allowedPodNumber;
            default -> scalar.isEmpty() ? 0L : scalar.getOrDefault(name, 0L);
        };
    }

    public Resource copy() {
        Resource r = new Resource(milliCpu, memory);
        r.ephemeralStorage = ephemeralStorage;
        r.allowedPodNumber = allowedPodNumber;
        r.scalar.putAll(scalar);
        return r;
    }

    /** True when nothing at all is requested (upstream's check before NodeResourcesFit looks at amounts). */
    public boolean isZero() {
        if (milliCpu != 0 || memory != 0 || ephemeralStorage != 0) {
            return false;
        }
        for (long v : scalar.values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "cpu=" + milliCpu + "m memory=" + memory + " ephemeral-storage=" + ephemeralStorage
                + " pods=" + allowedPodNumber + (scalar.isEmpty() ? "" : " " + scalar);
    }
}
