package io.ksim.node;

import io.ksim.api.core.Taint;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a simulated machine is: its name, capacity, labels, taints, pod CIDR, address and the images already
 * on its disk. Built once, then immutable.
 *
 * <pre>{@code
 * NodeConfig.builder("node-1").cpu("4").memory("16Gi").zone("zone-a")
 *         .podCIDR("10.244.1.0/24").internalIP("172.18.0.2").presentImage("nginx:1.25").build();
 * }</pre>
 * The well-known labels kubernetes.io/hostname, kubernetes.io/os and kubernetes.io/arch are always set, as
 * the kubelet sets them when it registers (amd64 Linux machines).
 */
public final class NodeConfig {

    /** The kubelet's default --max-pods. */
    public static final int DEFAULT_MAX_PODS = 110;

    private final String name;
    private final SortedMap<String, Quantity> capacity;
    private final SortedMap<String, String> labels;
    private final List<Taint> taints;
    private final String podCIDR;
    private final String internalIP;
    private final Set<String> presentImages;

    private NodeConfig(Builder b) {
        name = b.name;
        SortedMap<String, Quantity> cap = new TreeMap<>();
        cap.put("cpu", Quantity.parse(b.cpu));
        cap.put("ephemeral-storage", Quantity.parse(b.ephemeralStorage));
        cap.put("memory", Quantity.parse(b.memory));
        cap.put("pods", Quantity.parse(Integer.toString(b.pods)));
        capacity = Collections.unmodifiableSortedMap(cap);
        SortedMap<String, String> l = new TreeMap<>(b.labels);
        l.put(WellKnownLabels.ARCH, "amd64");
        l.put(WellKnownLabels.HOSTNAME, name);
        l.put(WellKnownLabels.OS, "linux");
        labels = Collections.unmodifiableSortedMap(l);
        taints = List.copyOf(b.taints);
        podCIDR = b.podCIDR;
        internalIP = b.internalIP;
        presentImages = Collections.unmodifiableSet(new TreeSet<>(b.presentImages));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** cpu, ephemeral-storage, memory and pods, in key order. */
    public SortedMap<String, Quantity> capacity() {
        return capacity;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    public List<Taint> taints() {
        return taints;
    }

    public String podCIDR() {
        return podCIDR;
    }

    public String internalIP() {
        return internalIP;
    }

    /** Image references (as written in pod specs, normalized) already pulled on this machine. */
    public Set<String> presentImages() {
        return presentImages;
    }

    /** Defaults: 4 CPUs, 16Gi memory, 110 pods, 100Gi ephemeral storage, pod CIDR 10.244.0.0/24, IP 172.18.0.2. */
    public static final class Builder {
        private final String name;
        private String cpu = "4";
        private String memory = "16Gi";
        private String ephemeralStorage = "100Gi";
        private int pods = DEFAULT_MAX_PODS;
        private final SortedMap<String, String> labels = new TreeMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private String podCIDR = "10.244.0.0/24";
        private String internalIP = "172.18.0.2";
        private final Set<String> presentImages = new TreeSet<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder cpu(String v) {
            cpu = v;
            return this;
        }

        public Builder memory(String v) {
            memory = v;
            return this;
        }

        public Builder ephemeralStorage(String v) {
            ephemeralStorage = v;
            return this;
        }

        public Builder pods(int v) {
            pods = v;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder zone(String zone) {
            return label(WellKnownLabels.TOPOLOGY_ZONE, zone);
        }

        public Builder taint(Taint t) {
            taints.add(t);
            return this;
        }

        public Builder podCIDR(String cidr) {
            PodIPAllocator.parse(cidr); // fail early on a malformed CIDR
            podCIDR = cidr;
            return this;
        }

        public Builder internalIP(String ip) {
            internalIP = ip;
            return this;
        }

        public Builder presentImage(String image) {
            presentImages.add(ImageCatalog.normalize(image));
            return this;
        }

        public NodeConfig build() {
            return new NodeConfig(this);
        }
    }
}
