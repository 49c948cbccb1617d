package io.ksim.controller.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.garbagecollector.GarbageCollector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * persistentVolumeClaimRetentionPolicy with the garbage collector running: which claims are left after a
 * scale from 3 to 1 and after deleting the set (upstream stateful_set_utils.go
 * updateClaimOwnerRefForSetAndPod and test/e2e/apps/statefulset.go "PVC retention").
 */
class ClaimRetentionTest {

    @ParameterizedTest(name = "whenScaled={0} whenDeleted={1}")
    @CsvSource(delimiter = '|', value = {
        "Retain | Retain | www-web-0 www-web-1 www-web-2 | www-web-0 www-web-1 www-web-2",
        "Delete | Retain | www-web-0                     | www-web-0",
        "Retain | Delete | www-web-0 www-web-1 www-web-2 | ",
        "Delete | Delete | www-web-0                     | ",
    })
    void claimsLeftAfterScaleDownAndSetDeletion(String whenScaled, String whenDeleted, String afterScale,
            String afterDelete) {
        StatefulSetFixture f = new StatefulSetFixture(31);
        f.cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        f.cluster.manager.start(GarbageCollector.NAME);
        f.create(StatefulSetFixture.spec(3, "nginx:1.25", null, null,
                new StatefulSetPersistentVolumeClaimRetentionPolicy(whenDeleted, whenScaled)));
        f.cluster.run(40);
        assertEquals(List.of("www-web-0", "www-web-1", "www-web-2"), f.claimNames());
        f.scale(1);
        f.cluster.run(60);
        assertEquals(List.of("web-0"), f.podNames());
        assertEquals(names(afterScale), f.claimNames());
        f.cluster.api.delete(BuiltinResources.STATEFUL_SETS, "default", "web", DeleteOptions.defaults());
        f.cluster.run(60);
        assertEquals(List.of(), f.cluster.pods("default"));
        assertEquals(names(afterDelete), f.claimNames());
    }

    private static List<String> names(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : List.of(spaced.trim().split("\\s+"));
    }

}
