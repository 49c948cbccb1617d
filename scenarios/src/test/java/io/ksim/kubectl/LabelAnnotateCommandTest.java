package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.apiserver.registry.BuiltinResources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelAnnotateCommandTest {

    private final MutateFixture f = new MutateFixture().withWeb();

    private Map<String, String> labels() {
        return f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").metadata().labels();
    }

    @Test
    void labelAddsChangesWithOverwriteAndRemoves() {
        assertEquals("deployment.apps/web labeled\n", f.ok("label deployment web tier=front"));
        assertEquals(Map.of("app", "web", "tier", "front"), labels());
        assertEquals("error: 'app' already has a value (web), and --overwrite is false\n",
                f.fails("label deploy web app=api"));
        assertEquals("deployment.apps/web labeled\n", f.ok("label deploy/web app=api --overwrite"));
        assertEquals("deployment.apps/web unlabeled\n", f.ok("label deploy web tier-"));
        assertEquals(Map.of("app", "api"), labels());
        assertEquals("label \"tier\" not found.\ndeployment.apps/web not labeled\n", f.ok("label deploy web tier-"));
        assertEquals("deployment.apps/web not labeled\n", f.ok("label deploy web app=api"));
    }

    @Test
    void labelListsTheLabels() {
        f.ok("label deploy web b=2 a=1");
        assertEquals("a=1\napp=web\nb=2\n", f.ok("label deploy web --list"));
    }

    @Test
    void labelBySelectorAndAll() {
        String out = f.ok("label pods -l app=web role=server");
        assertEquals(4, out.lines().filter(l -> l.startsWith("pod/web-") && l.endsWith(" labeled")).count(), out);
        assertEquals(4, f.cluster.pods("default", "role=server").size());
        out = f.ok("label pods --all role-");
        assertEquals(4, out.lines().filter(l -> l.endsWith(" unlabeled")).count(), out);
        assertEquals(0, f.cluster.pods("default", "role=server").size());
    }

    @Test
    void resourceVersionMustBeTheCurrentOne() {
        String rv = f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").metadata().resourceVersion();
        assertEquals("Error from server (Conflict): Operation cannot be fulfilled on deployments.apps \"web\": the object "
                + "has been modified; please apply your changes to the latest version and try again\n",
                f.fails("label deploy web x=1 --resource-version=1"));
        assertEquals("deployment.apps/web labeled\n", f.ok("label deploy web x=1 --resource-version=" + rv));
        assertEquals("error: --resource-version may only be used with a single resource\n",
                f.fails("label pods --all x=1 --resource-version=" + rv));
    }

    @Test
    void labelErrorsAreKubectls() {
        assertEquals("error: at least one label update is required\n", f.fails("label deploy web"));
        assertEquals("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n",
                f.fails("label a=b"));
        assertEquals("error: can not both modify and remove a label in the same command\n", f.fails("label deploy web a=b a-"));
        assertEquals("error: invalid label spec: a=b=c\n", f.fails("label deploy web a=b=c"));
        assertEquals("error: all resources must be specified before label changes: web\n", f.fails("label deploy a=b web"));
        assertEquals("error: invalid label value: \"a=-x\": a valid label must be an empty string or consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                + "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n", f.fails("label deploy web a=-x"));
        assertEquals("Error from server (NotFound): deployments.apps \"nope\" not found\n", f.fails("label deploy nope a=b"));
        assertEquals("error: cannot set --all and --selector at the same time\n", f.fails("label pods --all -l a=b c=d"));
    }

    @Test
    void annotate() {
        assertEquals("deployment.apps/web annotated\n", f.ok("annotate deploy web owner=team-a"));
        assertEquals("error: --overwrite is false but found the following declared annotation(s): 'owner' already has a "
                + "value (team-a)\n", f.fails("annotate deploy web owner=team-b"));
        assertEquals("deployment.apps/web annotated\n", f.ok("annotate deploy web owner=team-b --overwrite"));
        assertEquals("team-b", f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").metadata()
                .annotations().get("owner"));
        assertEquals("deployment.apps/web annotated\n", f.ok("annotate deploy web owner-"));
        assertEquals(null, f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").metadata()
                .annotations().get("owner"));
        assertEquals("error: at least one annotation update is required\n", f.fails("annotate deploy web"));
        assertEquals("error: can not both modify and remove the following annotation(s) in the same command: a\n",
                f.fails("annotate deploy web a=1 a-"));
        // A change-cause may be overwritten without --overwrite.
        f.ok("annotate deploy web kubernetes.io/change-cause=one");
        assertEquals("deployment.apps/web annotated\n", f.ok("annotate deploy web kubernetes.io/change-cause=two"));
    }
}
