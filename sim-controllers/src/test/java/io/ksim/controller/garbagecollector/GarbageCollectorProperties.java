package io.ksim.controller.garbagecollector;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.controller.TestCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Cascading deletion over random ownership graphs (ConfigMaps owning ConfigMaps, several owners each, some
 * blocking): after deleting some of them with random propagation policies and waiting,
 * <ul>
 *   <li>every object deleted is gone (no finalizer is left behind);</li>
 *   <li>no surviving object names an owner that is gone;</li>
 *   <li>with only Orphan deletions, every object not deleted survives.</li>
 * </ul>
 */
class GarbageCollectorProperties {

    /** Object {@code index} is owned by these earlier objects (blocking or not). */
    record Node(List<Integer> owners, boolean blocking) {
    }

    /** Delete object {@code index} with {@code policy}. */
    record Deletion(int index, String policy) {
        @Override
        public String toString() {
            return "delete cm-" + index + " --cascade=" + policy.toLowerCase();
        }
    }

    @Provide
    Arbitrary<List<Node>> graphs() {
        Arbitrary<Node> node = Combinators.combine(Arbitraries.integers().between(0, 7).list().ofMaxSize(2),
                Arbitraries.of(true, false)).as(Node::new);
        return node.list().ofMinSize(2).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Deletion>> deletions() {
        return Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.of(DeleteOptions.BACKGROUND, DeleteOptions.FOREGROUND, DeleteOptions.ORPHAN))
                .as(Deletion::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property
    void cascadingDeletionLeavesNoDanglingReferences(@ForAll("graphs") List<Node> graph,
            @ForAll("deletions") List<Deletion> deletions) {
        TestCluster cluster = new TestCluster(17, 1);
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.start(GarbageCollector.NAME);
        Map<Integer, String> uids = new HashMap<>();
        for (int i = 0; i < graph.size(); i++) {
            List<OwnerReference> refs = new ArrayList<>();
            Set<Integer> seen = new TreeSet<>();
            for (int o : graph.get(i).owners()) {
                if (o < i && seen.add(o)) {
                    refs.add(new OwnerReference("v1", "ConfigMap", "cm-" + o, uids.get(o), null,
                            graph.get(i).blocking()));
                }
            }
            ConfigMap cm = cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", new ConfigMap(null, null,
                    ObjectMeta.builder().namespace("default").name("cm-" + i).ownerReferences(refs).build(),
                    null, null, null));
            uids.put(i, cm.metadata().uid());
        }
        cluster.run(2);
        Set<String> deleted = new TreeSet<>();
        for (Deletion d : deletions) {
            if (d.index() >= graph.size()) {
                continue;
            }
            try {
                cluster.api.delete(BuiltinResources.CONFIG_MAPS, "default", "cm-" + d.index(),
                        DeleteOptions.propagation(d.policy()));
                deleted.add("cm-" + d.index());
            } catch (ApiException gone) {
                // Already collected by an earlier cascade.
            }
            cluster.run(1);
        }
        cluster.run(30);
        List<ConfigMap> left = cluster.api.list(BuiltinResources.CONFIG_MAPS, "default").items();
        Set<String> alive = new TreeSet<>();
        Set<String> aliveUids = new TreeSet<>();
        for (ConfigMap cm : left) {
            if (cm.metadata().name().startsWith("cm-")) {
                alive.add(cm.metadata().name());
                aliveUids.add(cm.metadata().uid());
            }
        }
        for (String name : deleted) {
            if (alive.contains(name)) {
                throw new AssertionError(name + " was deleted but is still there: " + left);
            }
        }
        for (ConfigMap cm : left) {
            for (OwnerReference ref : cm.metadata().ownerReferences()) {
                if (!aliveUids.contains(ref.uid())) {
                    throw new AssertionError(cm.metadata().name() + " still names its gone owner " + ref.name());
                }
            }
        }
        if (deletions.stream().allMatch(d -> d.policy().equals(DeleteOptions.ORPHAN))) {
            for (int i = 0; i < graph.size(); i++) {
                String name = "cm-" + i;
                if (!deleted.contains(name) && !alive.contains(name)) {
                    throw new AssertionError(name + " was collected although every deletion orphaned");
                }
            }
        }
    }
}
