package io.ksim.api.scheduling;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.core.PreemptionPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityClassTest {

    /** The high-priority example of kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption. */
    @Test
    void priorityClassRoundTrips() throws Exception {
        PriorityClass pc = roundTrip("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: high-priority-nonpreempting
                value: 1000000
                preemptionPolicy: Never
                globalDefault: false
                description: "This priority class will not cause other pods to be preempted."
                """, PriorityClass.class);
        assertEquals(1_000_000, pc.value());
        assertEquals(PreemptionPolicy.NEVER, pc.preemptionPolicy());
        assertEquals(Boolean.FALSE, pc.globalDefault());
    }

    @Test
    void aZeroValueIsStillWritten() throws Exception {
        PriorityClass pc = new PriorityClass(null, null, io.ksim.api.meta.ObjectMeta.builder().name("zero").build(), 0,
                null, null, null);
        assertTrue(KubeJson.yaml().writeValueAsString(pc).contains("value: 0\n"));
    }

    /** SetDefaults_PriorityClass (kubernetes pkg/apis/scheduling/v1/defaults.go; defaults_test.go). */
    @Test
    void defaultsPreemptLowerPriority() throws Exception {
        PriorityClass bare = KubeJson.yaml().readValue("metadata: {name: p}\nvalue: 10\n", PriorityClass.class);
        PriorityClass out = SchedulingDefaults.priorityClass(bare);
        assertEquals(PreemptionPolicy.PREEMPT_LOWER_PRIORITY, out.preemptionPolicy());
        assertSame(out, SchedulingDefaults.priorityClass(out));
        PriorityClass never = bare.withPreemptionPolicy(PreemptionPolicy.NEVER);
        assertSame(never, SchedulingDefaults.priorityClass(never));
    }

    @Test
    void unknownFieldsAreReported() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: x
                value: 1
                preemption: Never
                """, PriorityClass.class, unknown);
        assertEquals(List.of("preemption"), unknown);
    }
}
