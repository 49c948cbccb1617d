package io.ksim.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentStatus;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.controller.ControllerUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases of upstream pkg/controller/deployment/util/deployment_util_test.go and progress tests. */
class DeploymentUtilTest {

    // TestResolveFenceposts, plus the cases of ResolveFenceposts' doc comment and the 25%/25% defaults.
    @ParameterizedTest
    @CsvSource({
        "0%, 0%, 0, 0, 1",
        "39%, 39%, 10, 4, 3",
        "0%, 1%, 2, 0, 1",
        "1%, 25%, 1, 1, 0",
        "1%, 0%, 2, 1, 0",
        "25%, 25%, 10, 3, 2",
        "25%, 25%, 1, 1, 0",
        "25%, 25%, 3, 1, 0",
        "25%, 25%, 4, 1, 1",
        "2, 0, 10, 2, 0",
        "0, 0, 10, 0, 1",
    })
    void resolveFenceposts(String surge, String unavailable, int desired, int wantSurge, int wantUnavailable) {
        DeploymentUtil.Fenceposts f = DeploymentUtil.resolveFenceposts(io(surge), io(unavailable), desired);
        assertEquals(new DeploymentUtil.Fenceposts(wantSurge, wantUnavailable), f);
    }

    @Test
    void resolveFencepostsRejectsWhatIsNotAPercentage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeploymentUtil.resolveFenceposts(io("oops"), io("39%"), 10));
        assertEquals("invalid value for IntOrString: invalid type: string is not a percentage", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeploymentUtil.resolveFenceposts(io("55%"), io("urg"), 10));
    }

    private static io.ksim.api.resource.IntOrString io(String s) {
        return io.ksim.api.resource.IntOrString.parse(s);
    }

    // TestNewRSNewReplicas: allRSs holds only a 5-replica ReplicaSet.
    @Test
    void newRSNewReplicas() {
        List<ReplicaSet> all = List.of(Fixtures.rs("rs5", 5, 0));
        assertEquals(5, DeploymentUtil.newRSNewReplicas(Fixtures.deployment(1, 1, 1), all, Fixtures.rs("new", 5, 1)));
        assertEquals(6, DeploymentUtil.newRSNewReplicas(Fixtures.deployment(6, 10, 1), all, Fixtures.rs("new", 2, 1)));
        assertEquals(3, DeploymentUtil.newRSNewReplicas(Fixtures.recreate(3), all, Fixtures.rs("new", 1, 1)));
    }

    // TestDeploymentComplete: (desired, current, updated, available, maxUnavailable, maxSurge) -> complete.
    @ParameterizedTest
    @CsvSource({
        "5, 5, 5, 4, 1, 0, false",
        "5, 5, 5, 3, 1, 0, false",
        "5, 5, 5, 5, 0, 0, true",
        "5, 5, 4, 5, 0, 0, false",
        "1, 2, 1, 1, 0, 1, false",
        "1, 1, 1, 0, 1, 1, false",
    })
    void deploymentComplete(int desired, int current, int updated, int available, int maxUnavailable, int maxSurge,
            boolean want) {
        Deployment d = Fixtures.deployment(desired, maxSurge, maxUnavailable);
        DeploymentStatus s = new DeploymentStatus(1L, current, updated, null, available, null, null, null);
        assertEquals(want, DeploymentConditions.deploymentComplete(d, s));
    }

    // TestDeploymentProgressing: old (current, updated, ready, available) -> new -> progressing.
    @ParameterizedTest
    @CsvSource({
        "10, 4, 4, 4, 10, 6, 4, 4, true",
        "10, 4, 4, 4, 10, 4, 4, 4, false",
        "10, 4, 6, 6, 8, 4, 6, 6, true",
        "10, 7, 3, 3, 10, 6, 3, 3, false",
        "10, 4, 7, 7, 8, 8, 5, 5, true",
        "10, 10, 9, 8, 10, 10, 10, 8, true",
        "10, 10, 10, 9, 10, 10, 10, 10, true",
    })
    void deploymentProgressing(int oc, int ou, int or, int oa, int nc, int nu, int nr, int na, boolean want) {
        Deployment d = Fixtures.deployment(10, 0, 1).withStatus(new DeploymentStatus(1L, oc, ou, or, oa, null, null, null));
        DeploymentStatus n = new DeploymentStatus(1L, nc, nu, nr, na, null, null, null);
        assertEquals(want, DeploymentConditions.deploymentProgressing(d, n));
    }

    @Test
    void revisionHistoryAnnotationCollectsReplacedRevisions() {
        Deployment d = Fixtures.deployment(1, 1, 0);
        ReplicaSet rs = Fixtures.withAnnotations(Fixtures.rs("a", 1, 0),
                Map.of(DeploymentUtil.REVISION_ANNOTATION, "1"));
        Map<String, String> a = DeploymentUtil.newReplicaSetAnnotations(d, rs, 3, true);
        assertEquals("3", a.get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals("1", a.get(DeploymentUtil.REVISION_HISTORY_ANNOTATION));
        ReplicaSet again = Fixtures.withAnnotations(rs, a);
        Map<String, String> b = DeploymentUtil.newReplicaSetAnnotations(d, again, 5, true);
        assertEquals("1,3", b.get(DeploymentUtil.REVISION_HISTORY_ANNOTATION));
        assertEquals(null, DeploymentUtil.newReplicaSetAnnotations(d, Fixtures.withAnnotations(again, b), 5, true),
                "nothing changes at the same revision");
    }

    @Test
    void lastRevisionIsTheSecondHighest() {
        List<ReplicaSet> rss = List.of(Fixtures.withAnnotations(Fixtures.rs("a", 0, 0), Map.of(DeploymentUtil.REVISION_ANNOTATION, "3")),
                Fixtures.withAnnotations(Fixtures.rs("b", 0, 1), Map.of(DeploymentUtil.REVISION_ANNOTATION, "5")),
                Fixtures.withAnnotations(Fixtures.rs("c", 0, 2), Map.of(DeploymentUtil.REVISION_ANNOTATION, "4")));
        assertEquals(5, DeploymentUtil.maxRevision(rss));
        assertEquals(4, DeploymentUtil.lastRevision(rss));
    }

    // rand.SafeEncodeString maps bytes mod 27 into the alphabet; the digits 0-9 become 4-9 and b, c, d, f.
    @Test
    void podTemplateHashHasUpstreamsAlphabet() {
        assertEquals("456789bcdf", ControllerUtils.safeEncodeString("0123456789"));
        String hash = DeploymentUtil.podTemplateHash(Fixtures.deployment(1, 1, 0));
        assertEquals(true, hash.matches("[456789bcdf]{1,10}"), hash);
        Deployment collided = Fixtures.deployment(1, 1, 0).withStatus(new DeploymentStatus(null, null, null, null, null,
                null, null, 1));
        assertEquals(false, hash.equals(DeploymentUtil.podTemplateHash(collided)), "collisionCount changes the hash");
    }
}
