package io.ksim.api.coordination;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.meta.MicroTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTest {

    /** A node heartbeat lease as the kubelet writes it in kube-node-lease. */
    @Test
    void nodeLeaseRoundTripsWithMicroTimes() throws Exception {
        Lease lease = roundTrip("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata:
                  name: kind-worker
                  namespace: kube-node-lease
                  ownerReferences:
                  - apiVersion: v1
                    kind: Node
                    name: kind-worker
                    uid: 4c1a3bde-1111-4b1e-9e3e-0c2f1b8a7d10
                spec:
                  holderIdentity: kind-worker
                  leaseDurationSeconds: 40
                  renewTime: "2025-01-01T00:00:10.123456Z"
                """, Lease.class);
        assertEquals(Lease.API_VERSION, lease.apiVersion());
        assertEquals("kind-worker", lease.spec().holderIdentity());
        assertEquals(40, lease.spec().leaseDurationSeconds());
        assertEquals(Instant.parse("2025-01-01T00:00:10.123456Z"), lease.spec().renewTime().time());
    }

    /** A coordinated leader election lease (1.32 alpha): strategy and preferredHolder. */
    @Test
    void leaderElectionLeaseRoundTrips() throws Exception {
        Lease lease = roundTrip("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata:
                  name: kube-scheduler
                  namespace: kube-system
                spec:
                  acquireTime: "2025-01-01T00:00:00.000000Z"
                  holderIdentity: kind-control-plane_0f3c2a1b-1111-4222-8333-944455556666
                  leaseDurationSeconds: 15
                  leaseTransitions: 2
                  preferredHolder: kind-control-plane_b
                  renewTime: "2025-01-01T00:00:12.500000Z"
                  strategy: OldestEmulationVersion
                """, Lease.class);
        assertEquals(2, lease.spec().leaseTransitions());
        assertEquals(Lease.LeaseSpec.STRATEGY_OLDEST_EMULATION_VERSION, lease.spec().strategy());
        Lease renewed = lease.withSpec(lease.spec().withRenewTime(MicroTime.of(Instant.parse("2025-01-01T00:00:14Z"))));
        assertTrue(KubeJson.yaml().writeValueAsString(renewed).contains("renewTime: 2025-01-01T00:00:14.000000Z\n"));
    }

    @Test
    void unknownLeaseFieldsAreReported() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata:
                  name: x
                spec:
                  holder: x
                """, Lease.class, unknown);
        assertEquals(List.of("spec.holder"), unknown);
    }
}
