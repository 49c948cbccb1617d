package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutCommandTest {

    private final MutateFixture f = new MutateFixture().withWeb();

    private Deployment web() {
        return f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
    }

    private static List<String> distinctInOrder(String out) {
        List<String> lines = new ArrayList<>();
        for (String l : out.lines().toList()) {
            if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(l)) {
                lines.add(l);
            }
        }
        return lines;
    }

    /**
     * kubectl prints its status viewer's line at every watch event of the Deployment, so a line repeats while
     * other status fields change; in order, the lines follow the rolling update of 4 replicas with maxSurge 1 and
     * maxUnavailable 1.
     */
    @Test
    void statusFollowsARollingUpdate() {
        f.ok("set image deploy/web nginx=nginx:1.26");
        KubectlResult r = f.run("rollout status deployment/web");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(
                "Waiting for deployment spec update to be observed...",
                "Waiting for deployment \"web\" rollout to finish: 0 out of 4 new replicas have been updated...",
                "Waiting for deployment \"web\" rollout to finish: 1 out of 4 new replicas have been updated...",
                "Waiting for deployment \"web\" rollout to finish: 2 out of 4 new replicas have been updated...",
                "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
                "Waiting for deployment \"web\" rollout to finish: 3 of 4 updated replicas are available...",
                "deployment \"web\" successfully rolled out"), distinctInOrder(r.out()), r.out());
        assertEquals("deployment \"web\" successfully rolled out\n", f.ok("rollout status deploy/web"));
    }

    @Test
    void statusWithoutWatchPrintsOnce() {
        f.ok("set image deploy/web nginx=nginx:1.26");
        f.cluster.advance(Duration.ofMillis(500));
        String out = f.ok("rollout status deploy/web --watch=false");
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("Waiting for deployment \"web\" rollout to finish: "), out);
    }

    @Test
    void statusTimesOut() {
        f.ok("rollout pause deploy/web");
        f.ok("set image deploy/web nginx=nginx:1.26");
        KubectlResult r = f.run("rollout status deploy/web --timeout=10s");
        assertEquals("error: timed out waiting for the condition\n", r.err());
        assertTrue(r.out().endsWith("Waiting for deployment \"web\" rollout to finish: 0 out of 4 new replicas have been "
                + "updated...\n"), r.out());
    }

    @Test
    void statusOfDaemonSetsAndErrors() {
        assertEquals("daemon set \"kube-proxy\" successfully rolled out\n",
                f.ok("rollout status daemonset/kube-proxy -n kube-system"));
        assertEquals("error: required resource not specified\n", f.fails("rollout status"));
        assertEquals("Error from server (NotFound): deployments.apps \"nope\" not found\n",
                f.fails("rollout status deploy/nope"));
    }

    @Test
    void historyUndoAndRevisionDetail() {
        f.ok("set image deploy/web nginx=nginx:1.26");
        f.ok("rollout status deploy/web");
        f.ok("annotate deploy web kubernetes.io/change-cause=image-1.26");
        // The deployment controller copies the change-cause to the new ReplicaSet at its next sync.
        f.cluster.advance(Duration.ofSeconds(1));
        assertEquals("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image-1.26\n\n",
                f.ok("rollout history deployment/web"));
        String detail = f.ok("rollout history deploy/web --revision=2");
        assertTrue(detail.startsWith("deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n"
                + "\tpod-template-hash="), detail);
        assertTrue(detail.contains("\n  Annotations:\tkubernetes.io/change-cause: image-1.26\n"), detail);
        assertTrue(detail.contains("  Init Containers:\n   init:\n    Image:\talpine:3.20\n    Port:\t<none>\n"
                + "    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n"), detail);
        assertTrue(detail.contains("  Containers:\n   nginx:\n    Image:\tnginx:1.26\n    Port:\t80/TCP\n"
                + "    Host Port:\t0/TCP\n"), detail);
        assertTrue(detail.endsWith("  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n"), detail);
        assertEquals("error: unable to find the specified revision\n", f.fails("rollout history deploy/web --revision=7"));

        assertEquals("error: unable to find specified revision 7 in history\n", f.fails("rollout undo deploy/web --to-revision=7"));
        assertEquals("deployment.apps/web skipped rollback (current template already matches revision 2)\n",
                f.ok("rollout undo deploy/web --to-revision=2"));
        assertEquals("deployment.apps/web rolled back\n", f.ok("rollout undo deploy/web"));
        assertEquals("nginx:1.25", web().spec().template().spec().containers().get(0).image());
        f.ok("rollout status deploy/web");
        // The rolled-back template is revision 3 now, with revision 1's change-cause (none).
        assertEquals("deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image-1.26\n3         <none>\n\n",
                f.ok("rollout history deploy/web"));
    }

    @Test
    void rolloutAloneIsKubectlsHelp() {
        KubectlResult r = f.run("rollout");
        assertEquals(1, r.exitCode());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Manage the rollout of one or many resources.\n        \n Valid resource types include:"),
                r.out());
        assertTrue(f.run("set").out().startsWith("Configure application resources.\n"));
    }

    @Test
    void pauseResumeRestart() {
        assertEquals("deployment.apps/web paused\n", f.ok("rollout pause deployment/web"));
        assertEquals(Boolean.TRUE, web().spec().paused());
        assertEquals("error: deployments.apps \"web\" is already paused\n", f.fails("rollout pause deploy/web"));
        assertEquals("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try "
                + "again\n", f.fails("rollout undo deploy/web --to-revision=1"));
        assertEquals("error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n",
                f.fails("rollout restart deploy/web"));
        assertEquals("deployment.apps/web resumed\n", f.ok("rollout resume deploy/web"));
        assertEquals("error: deployments.apps \"web\" is not paused\n", f.fails("rollout resume deploy/web"));
        assertEquals("deployment.apps/web restarted\n", f.ok("rollout restart deploy/web"));
        assertEquals("2025-01-01T00:00:30Z", web().spec().template().metadata().annotations()
                .get("kubectl.kubernetes.io/restartedAt"));
        assertEquals("error: failed to create patch for web: if restart has already been triggered within the past second, "
                + "please wait before attempting to trigger another\n", f.fails("rollout restart deploy/web"));
        assertEquals("error: daemonsets.apps \"kube-proxy\" pausing is not supported\n",
                f.fails("rollout pause ds/kube-proxy -n kube-system"));
        assertEquals("daemonset.apps/kube-proxy restarted\n", f.ok("rollout restart ds/kube-proxy -n kube-system"));
    }
}
