package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code kubectl get -l SELECTOR -o name} lists exactly the objects whose labels the selector matches
 * ({@code k=v}: the label is there with that value; {@code k!=v}: it is absent or has another value;
 * {@code k}: it is there; {@code !k}: it is absent), each once, in name order.
 */
class GetSelectorProperties {

    private static final Cluster CLUSTER = Cluster.builder().seed(5).nodes(1).build();
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private static final List<String> KEYS = List.of("app", "tier", "env");
    private static final List<String> VALUES = List.of("a", "b");

    @Property(tries = 25)
    void nameOutputListsExactlyTheMatchingObjects(@ForAll("labelSets") List<Map<String, String>> objects,
            @ForAll @IntRange(min = 0, max = 2) int key, @ForAll @IntRange(min = 0, max = 1) int value,
            @ForAll @IntRange(min = 0, max = 3) int operator) {
        String ns = "p" + NAMESPACES.incrementAndGet();
        CLUSTER.create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n");
        for (int i = 0; i < objects.size(); i++) {
            StringBuilder labels = new StringBuilder(objects.get(i).isEmpty() ? " {}" : "");
            objects.get(i).forEach((k, v) -> labels.append("\n    ").append(k).append(": ").append(v));
            CLUSTER.create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%02d\n  namespace: %s\n  labels:%s\n"
                    .formatted(i, ns, labels));
        }
        String k = KEYS.get(key);
        String v = VALUES.get(value);
        String selector = switch (operator) {
            case 0 -> k + "=" + v;
            case 1 -> k + "!=" + v;
            case 2 -> k;
            default -> "!" + k;
        };
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, String> l = objects.get(i);
            boolean match = switch (operator) {
                case 0 -> v.equals(l.get(k));
                case 1 -> !v.equals(l.get(k));
                case 2 -> l.containsKey(k);
                default -> !l.containsKey(k);
            };
            if (match) {
                expected.append("configmap/cm-%02d\n".formatted(i));
            }
        }
        KubectlResult r = new Kubectl(CLUSTER).run(List.of("get", "cm", "-n", ns, "-l", selector, "-o", "name"), "");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(expected.toString(), r.out(), selector);
        assertEquals("", r.err());
    }

    @Provide
    Arbitrary<List<Map<String, String>>> labelSets() {
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                .ofMaxSize(3).map(TreeMap::new);
        return labels.list().ofMaxSize(6).map(ArrayList::new);
    }
}
