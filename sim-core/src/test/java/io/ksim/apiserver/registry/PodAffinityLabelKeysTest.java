package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.meta.LabelSelectorRequirement;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * matchLabelKeys and mismatchLabelKeys of pod (anti-)affinity merged into the selector at pod creation
 * (pkg/registry/core/pod/strategy_test.go TestApplyMatchLabelKeysAndMismatchLabelKeys) and their validation
 * (pkg/apis/core/validation validateMatchLabelKeysAndMismatchLabelKeys).
 */
class PodAffinityLabelKeysTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    @BeforeEach
    void serviceAccount() {
        api.createObject("default", api.scheme().decodeAll("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: default}
                """).get(0));
    }

    private Pod create(String affinity) {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {country: Japan, city: Kyoto}}\n"
                + "spec:\n  containers: [{name: c, image: nginx}]\n  affinity:\n" + affinity.indent(4);
        return (Pod) api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    private static LabelSelectorRequirement req(String key, String op, String value) {
        return new LabelSelectorRequirement(key, op, List.of(value));
    }

    @Test
    void keysThePodHasBecomeInAndNotInRequirements() {
        Pod p = create("""
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    labelSelector: {matchExpressions: [{key: foo, operator: In, values: [bar]}]}
                    matchLabelKeys: [country]
                    mismatchLabelKeys: [city]
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 10
                    podAffinityTerm:
                      topologyKey: zone
                      labelSelector: {matchExpressions: [{key: foo, operator: In, values: [bar]}]}
                      matchLabelKeys: [country]
                      mismatchLabelKeys: [city]
                """);
        List<LabelSelectorRequirement> want = List.of(req("foo", "In", "bar"), req("country", "In", "Japan"),
                req("city", "NotIn", "Kyoto"));
        PodAffinityTerm aff = p.spec().affinity().podAffinity().requiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertEquals(want, aff.labelSelector().matchExpressions());
        assertEquals(List.of("country"), aff.matchLabelKeys());
        assertEquals(want, p.spec().affinity().podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution()
                .get(0).podAffinityTerm().labelSelector().matchExpressions());
    }

    @Test
    void keysThePodLacksAreIgnored() {
        // upstream "keys, which are not found in Pod labels, are ignored"
        Pod p = create("""
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    labelSelector: {matchExpressions: [{key: foo, operator: In, values: [bar]}]}
                    matchLabelKeys: [city, not-found]
                """);
        assertEquals(List.of(req("foo", "In", "bar"), req("city", "In", "Kyoto")), p.spec().affinity().podAffinity()
                .requiredDuringSchedulingIgnoredDuringExecution().get(0).labelSelector().matchExpressions());
    }

    private void rejects(String affinity, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> create(affinity));
        assertEquals("Pod \"p\" is invalid: " + expected, e.getMessage());
    }

    @Test
    void aKeyInBothMatchLabelKeysAndTheSelectorIsInvalid() {
        rejects("""
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    labelSelector: {matchLabels: {country: Japan}}
                    matchLabelKeys: [country]
                """, "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0][0]: "
                + "Invalid value: \"country\": exists in both matchLabelKeys and labelSelector");
    }

    @Test
    void aKeyInBothMatchLabelKeysAndMismatchLabelKeysIsInvalid() {
        rejects("""
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    labelSelector: {matchLabels: {app: web}}
                    matchLabelKeys: [region]
                    mismatchLabelKeys: [region]
                """, "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
                + ".matchLabelKeys[0]: Invalid value: \"region\": exists in both matchLabelKeys and mismatchLabelKeys");
        // with a label for the key, the merged "country In" and "country NotIn" also make the key occur twice
        rejects("""
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    labelSelector: {matchLabels: {app: web}}
                    matchLabelKeys: [country]
                    mismatchLabelKeys: [country]
                """, "[spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0][0]: Invalid "
                + "value: \"country\": exists in both matchLabelKeys and labelSelector, spec.affinity.podAntiAffinity"
                + ".requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: \"country\": "
                + "exists in both matchLabelKeys and mismatchLabelKeys]");
    }

    @Test
    void keysWithoutASelectorAreForbidden() {
        rejects("""
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: zone
                    mismatchLabelKeys: [city]
                """, "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].mismatchLabelKeys: "
                + "Forbidden: must not be specified when labelSelector is not set");
    }
}
