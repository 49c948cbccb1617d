package io.ksim.scheduler;

import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.Taint;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small builders of nodes and pods for scheduler tests, in the spirit of upstream's
 * pkg/scheduler/testing wrappers (st.MakeNode(), st.MakePod()).
 */
public final class TestObjects {

    private TestObjects() {
    }

    /** A node with allocatable = capacity = the given cpu (e.g. "4" or "4000m"), memory and 110 pods. */
    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    public static final class NodeBuilder {
        private final String name;
        private final Map<String, String> labels = new TreeMap<>();
        private final Map<String, Quantity> alloc = new TreeMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private final List<Node.ContainerImage> images = new ArrayList<>();
        private boolean unschedulable;

        NodeBuilder(String name) {
            this.name = name;
            labels.put("kubernetes.io/hostname", name);
            alloc.put("pods", Quantity.parse("110"));
        }

        public NodeBuilder cpu(String q) {
            alloc.put("cpu", Quantity.parse(q));
            return this;
        }

        public NodeBuilder memory(String q) {
            alloc.put("memory", Quantity.parse(q));
            return this;
        }

        public NodeBuilder resource(String r, String q) {
            alloc.put(r, Quantity.parse(q));
            return this;
        }

        public NodeBuilder label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        public NodeBuilder zone(String zone) {
            return label("topology.kubernetes.io/zone", zone);
        }

        public NodeBuilder taint(String key, String value, String effect) {
            taints.add(Taint.of(key, value, effect));
            return this;
        }

        public NodeBuilder unschedulable() {
            unschedulable = true;
            return this;
        }

        public NodeBuilder image(long sizeBytes, String... names) {
            images.add(new Node.ContainerImage(List.of(names), sizeBytes));
            return this;
        }

        public Node build() {
            Node.NodeSpec spec = new Node.NodeSpec(null, null, null, unschedulable ? Boolean.TRUE : null, taints, null, null);
            Node.NodeStatus status = new Node.NodeStatus(new TreeMap<>(alloc), new TreeMap<>(alloc), null, null, null,
                    null, null, images, null, null, null, null, null);
            return new Node(null, null, ObjectMeta.builder().name(name).labels(labels).build(), spec, status);
        }
    }

    public static final class PodBuilder {
        private final String name;
        private String namespace = "default";
        private final Map<String, String> labels = new TreeMap<>();
        private final List<Container> containers = new ArrayList<>();
        private PodSpec.Builder spec = PodSpec.builder();

        PodBuilder(String name) {
            this.name = name;
        }

        public PodBuilder namespace(String ns) {
            namespace = ns;
            return this;
        }

        public PodBuilder label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        /** A container requesting cpu and memory (either may be null: not stated). */
        public PodBuilder container(String cpu, String memory) {
            Map<String, Quantity> req = new LinkedHashMap<>();
            if (cpu != null) {
                req.put("cpu", Quantity.parse(cpu));
            }
            if (memory != null) {
                req.put("memory", Quantity.parse(memory));
            }
            containers.add(Container.builder().name("c" + containers.size()).image("nginx:1.25")
                    .resources(ResourceRequirements.of(null, req)).build());
            return this;
        }

        public PodBuilder container(Container c) {
            containers.add(c);
            return this;
        }

        public PodBuilder spec(java.util.function.UnaryOperator<PodSpec.Builder> edit) {
            spec = edit.apply(spec);
            return this;
        }

        public Pod build() {
            List<Container> cs = containers.isEmpty()
                    ? List.of(Container.builder().name("c").image("nginx:1.25").build()) : containers;
            return Pod.of(ObjectMeta.builder().namespace(namespace).name(name).uid(namespace + "-" + name)
                    .labels(labels).build(), spec.containers(cs).build());
        }

        /** The pod with no containers at all, as upstream's st.MakePod().Obj(). */
        public Pod buildEmpty() {
            return Pod.of(ObjectMeta.builder().namespace(namespace).name(name).uid(namespace + "-" + name)
                    .labels(labels).build(), spec.build());
        }
    }
}
