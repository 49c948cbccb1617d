package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.api.apps.Deployment;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * kubectl apply's three-way merge is declarative: applying A and then B leaves the same Deployment spec and
 * labels as applying B alone to a fresh cluster, for Deployments that differ in replicas, image, labels and
 * environment (entries added, removed, changed and reordered).
 */
class KubectlApplyProperties {

    record Spec(int replicas, String image, Map<String, String> labels, List<Map.Entry<String, String>> env) {

        String manifest() {
            StringBuilder b = new StringBuilder("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      labels:
                        app: web
                    """);
            labels.forEach((k, v) -> b.append("    ").append(k).append(": ").append(v).append('\n'));
            b.append("""
                    spec:
                      replicas: %d
                      selector:
                        matchLabels:
                          app: web
                      template:
                        metadata:
                          labels:
                            app: web
                    """.formatted(replicas));
            labels.forEach((k, v) -> b.append("        ").append(k).append(": ").append(v).append('\n'));
            b.append("""
                        spec:
                          containers:
                          - name: main
                            image: %s
                    """.formatted(image));
            if (!env.isEmpty()) {
                b.append("        env:\n");
                for (Map.Entry<String, String> e : env) {
                    b.append("        - name: ").append(e.getKey()).append("\n          value: \"")
                            .append(e.getValue()).append("\"\n");
                }
            }
            return b.toString();
        }
    }

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<Integer> replicas = Arbitraries.integers().between(0, 5);
        Arbitrary<String> image = Arbitraries.of("nginx:1.25", "nginx:1.26", "redis:7", "busybox:1.36");
        Arbitrary<Map<String, String>> labels = Arbitraries.subsetOf("tier", "team", "track")
                .flatMap(keys -> Arbitraries.of("a", "b").list().ofSize(keys.size()).map(values -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    int i = 0;
                    for (String k : keys.stream().sorted().toList()) {
                        m.put(k, values.get(i++));
                    }
                    return m;
                }));
        Arbitrary<List<Map.Entry<String, String>>> env = Arbitraries.of("A", "B", "C", "D").list().uniqueElements()
                .ofMaxSize(4).flatMap(names -> Arbitraries.of("1", "2").list().ofSize(names.size()).map(values -> {
                    List<Map.Entry<String, String>> out = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        out.add(Map.entry(names.get(i), values.get(i)));
                    }
                    return out;
                }));
        return Combinators.combine(replicas, image, labels, env).as(Spec::new);
    }

    @Property(tries = 25)
    void applyingAThenBEqualsApplyingB(@ForAll("specs") Spec a, @ForAll("specs") Spec b) {
        Cluster twice = Cluster.builder().seed(1).nodes(1).build();
        assertEquals("deployment.apps/web created\n", twice.apply(a.manifest()));
        twice.apply(b.manifest());
        Cluster once = Cluster.builder().seed(1).nodes(1).build();
        once.apply(b.manifest());
        Deployment x = twice.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
        Deployment y = once.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
        assertEquals(json(y.spec()), json(x.spec()), "A:\n" + a.manifest() + "B:\n" + b.manifest());
        assertEquals(y.metadata().labels(), x.metadata().labels());
        assertEquals(y.metadata().annotations().get(ApplyCommand.LAST_APPLIED),
                x.metadata().annotations().get(ApplyCommand.LAST_APPLIED));
    }

    private static JsonNode json(Object o) {
        return KubeJson.json().valueToTree(o);
    }
}
