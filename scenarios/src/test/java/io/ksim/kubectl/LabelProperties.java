package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class LabelProperties {

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: {app: web, tier: front}
            """;

    /** Labeling a new key and then removing it with {@code key-} gives back the labels the object had. */
    @Property(tries = 30)
    void labelThenRemoveRestoresTheLabels(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String key,
            @ForAll @AlphaChars @NumericChars @StringLength(max = 20) String value,
            @ForAll @Size(max = 3) Map<@AlphaChars @StringLength(min = 1, max = 5) String,
                    @AlphaChars @StringLength(max = 5) String> extra) {
        Cluster c = Cluster.builder().seed(1).nodes(1).build();
        c.create(CONFIG);
        Kubectl k = new Kubectl(c);
        for (Map.Entry<String, String> e : extra.entrySet()) {
            assertEquals(0, k.run("label configmap c --overwrite x" + e.getKey() + "=" + e.getValue()).exitCode());
        }
        Map<String, String> before = new TreeMap<>(labels(c));
        String newKey = "k-" + key;
        assertEquals("configmap/c labeled\n", k.run("label cm c " + newKey + "=" + value).out());
        assertEquals(value, labels(c).get(newKey));
        assertEquals("configmap/c unlabeled\n", k.run("label cm/c " + newKey + "-").out());
        assertEquals(before, new TreeMap<>(labels(c)));
    }

    private static Map<String, String> labels(Cluster c) {
        return c.api().get(BuiltinResources.CONFIG_MAPS, "default", "c").metadata().labels();
    }
}
