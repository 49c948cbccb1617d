package io.ksim.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ManifestRoundTrip;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTypesTest {

    /** The shared strict round trip, plus the same through JSON. */
    private static <T> T roundTrip(String yaml, Class<T> type) throws Exception {
        T decoded = ManifestRoundTrip.roundTrip(yaml, type);
        assertEquals(decoded, KubeJson.json().readValue(KubeJson.json().writeValueAsString(decoded), type));
        return decoded;
    }

    /** The zookeeper budget of the "Specifying a Disruption Budget" task, with a status as the controller writes it. */
    @Test
    void podDisruptionBudgetWithStatus() throws Exception {
        PodDisruptionBudget pdb = roundTrip("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: zk-pdb
                  namespace: default
                  generation: 1
                spec:
                  minAvailable: 2
                  selector:
                    matchLabels:
                      app: zookeeper
                  unhealthyPodEvictionPolicy: AlwaysAllow
                status:
                  observedGeneration: 1
                  currentHealthy: 3
                  desiredHealthy: 2
                  disruptionsAllowed: 1
                  expectedPods: 3
                  disruptedPods:
                    zk-1: "2025-01-01T00:00:05Z"
                  conditions:
                  - type: DisruptionAllowed
                    status: "True"
                    reason: SufficientPods
                    observedGeneration: 1
                    lastTransitionTime: "2025-01-01T00:00:00Z"
                """, PodDisruptionBudget.class);
        assertEquals(IntOrString.of(2), pdb.spec().minAvailable());
        assertNull(pdb.spec().maxUnavailable());
        assertEquals("zookeeper", pdb.spec().selector().matchLabels().get("app"));
        assertEquals(PodDisruptionBudget.ALWAYS_ALLOW, pdb.spec().unhealthyPodEvictionPolicy());
        assertEquals(1, pdb.status().disruptionsAllowed());
        assertEquals(3, pdb.status().expectedPods());
        assertEquals(Instant.parse("2025-01-01T00:00:05Z"), pdb.status().disruptedPods().get("zk-1"));
        assertEquals(PodDisruptionBudget.DISRUPTION_ALLOWED_CONDITION, pdb.status().conditions().get(0).type());

        PodDisruptionBudget pct = roundTrip("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                spec:
                  maxUnavailable: "25%"
                  selector:
                    matchLabels:
                      app: web
                status:
                  currentHealthy: 0
                  desiredHealthy: 0
                  disruptionsAllowed: 0
                  expectedPods: 0
                """, PodDisruptionBudget.class);
        assertEquals(IntOrString.of("25%"), pct.spec().maxUnavailable());
        assertSame(pct, PolicyDefaults.podDisruptionBudget(pct), "policy/v1 has no defaults upstream");
    }

    /** Go prints the non-omitempty counts of the zero-valued status a new budget has; so does ksim. */
    @Test
    void statusCountsArePrintedEvenWhenZero() throws Exception {
        PodDisruptionBudget pdb = KubeJson.yaml().readValue("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: p}
                spec: {minAvailable: 1}
                """, PodDisruptionBudget.class);
        assertEquals(PodDisruptionBudget.PodDisruptionBudgetStatus.EMPTY, pdb.status());
        assertEquals("{\"currentHealthy\":0,\"desiredHealthy\":0,\"disruptionsAllowed\":0,\"expectedPods\":0}",
                KubeJson.json().writeValueAsString(pdb.status()));
        String json = KubeJson.json().writeValueAsString(pdb);
        assertEquals(pdb, KubeJson.json().readValue(json, PodDisruptionBudget.class));
    }

    @Test
    void evictionKeepsDeleteOptions() throws Exception {
        Eviction eviction = roundTrip("""
                apiVersion: policy/v1
                kind: Eviction
                metadata:
                  name: quux
                  namespace: default
                deleteOptions:
                  gracePeriodSeconds: 30
                  preconditions:
                    uid: 6b2e0f57-0000-4000-8000-000000000001
                """, Eviction.class);
        assertEquals("quux", eviction.metadata().name());
        assertEquals("30", eviction.deleteOptions().text("gracePeriodSeconds"));
        assertTrue(KubeJson.yaml().writeValueAsString(eviction).contains("gracePeriodSeconds: 30"));
    }

    @Test
    void unknownFieldsAreReported() throws Exception {
        String yaml = """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: p}
                spec:
                  minAvailable: 1
                  maxUnavailble: 1
                status:
                  allowed: 1
                """;
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, PodDisruptionBudget.class, unknown);
        }
        assertEquals(List.of("spec.maxUnavailble", "status.allowed"), unknown);
    }
}
