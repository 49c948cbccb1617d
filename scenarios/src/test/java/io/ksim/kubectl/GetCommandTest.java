package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get} over a small cluster. Exact texts are asserted where kubectl's client decides them
 * (layout, -o name/yaml/json/jsonpath/custom-columns, messages, NAMESPACE and LABELS columns, watch rows);
 * the columns of the server's tables are the API server printers' business and tested there.
 */
class GetCommandTest {

    private final Cluster cluster = Cluster.builder().seed(3).nodes(1).build();
    private final Kubectl kubectl = new Kubectl(cluster);

    GetCommandTest() {
        configMap("default", "web-config", "app: web\n    tier: front", "v: \"1\"\n  order: \"10\"");
        configMap("default", "db-config", "app: db", "v: \"2\"\n  order: \"9\"");
        configMap("other", "web-config", "app: web", "v: \"3\"");
        cluster.advance(Duration.ofSeconds(10));
    }

    private void configMap(String namespace, String name, String labels, String data) {
        if (cluster.api().list(BuiltinResources.NAMESPACES, null).items().stream()
                .noneMatch(n -> n.metadata().name().equals(namespace))) {
            cluster.create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n");
        }
        cluster.create("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                  labels:
                    %s
                data:
                  %s
                """.formatted(name, namespace, labels, data));
    }

    private KubectlResult ok(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals(0, r.exitCode(), command + ": " + r.err());
        return r;
    }

    @Test
    void nameOutputIsKindSlashNameInKeyOrder() {
        assertEquals("configmap/db-config\nconfigmap/kube-root-ca.crt\nconfigmap/web-config\n",
                ok("get configmaps -o name").out());
        assertEquals("deployment.apps/coredns\n", ok("get deploy -n kube-system -o name").out());
    }

    @Test
    void labelAndFieldSelectorsGoToTheServer() {
        assertEquals("configmap/web-config\n", ok("get cm -l app=web -o name").out());
        assertEquals("configmap/db-config\n", ok("get cm -l 'app in (db)',tier!=front -o name").out());
        assertEquals("configmap/db-config\n", ok("get cm --field-selector metadata.name=db-config -o name").out());
        assertEquals("configmap/web-config\nconfigmap/web-config\n", ok("get cm -A -l app=web -o name").out());
    }

    @Test
    void typeSlashNameFormAndSeveralTypes() {
        assertEquals("configmap/web-config\nnamespace/other\n", ok("get cm/web-config ns/other -o name").out());
        KubectlResult r = kubectl.run("get cm web-config extra");
        assertEquals(1, r.exitCode());
        assertEquals("Error from server (NotFound): configmaps \"extra\" not found\n", r.err());
    }

    @Test
    void everyMissingNameIsReported() {
        KubectlResult r = kubectl.run("get pods nope nope2");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("Error from server (NotFound): pods \"nope\" not found\n"
                + "Error from server (NotFound): pods \"nope2\" not found\n", r.err());
        assertEquals("", ok("get pods nope --ignore-not-found").err());
    }

    @Test
    void emptyResultsSayNoResourcesFoundOnStandardError() {
        KubectlResult r = ok("get pods");
        assertEquals("", r.out());
        assertEquals("No resources found in default namespace.\n", r.err());
        assertEquals("No resources found in other namespace.\n", ok("get pods -n other").err());
        assertEquals("No resources found\n", ok("get pods -A -l app=none").err());
    }

    @Test
    void clientSideErrorsAreKubectls() {
        assertEquals("error: the server doesn't have a resource type \"foo\"\n", kubectl.run("get foo").err());
        assertEquals("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list "
                + "of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" "
                + "for a detailed description of that resource (e.g. kubectl explain pods).\n"
                + "See 'kubectl get -h' for help and examples\n", kubectl.run("get").err());
        assertEquals("error: name cannot be provided when a selector is specified\n",
                kubectl.run("get cm web-config -l app=web").err());
        assertEquals("error: --show-labels option cannot be used with name printer\n",
                kubectl.run("get cm --show-labels -o name").err());
        assertEquals("error: there is no need to specify a resource type as a separate argument when passing arguments "
                + "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
                + "resource/<resource_name>'\n", kubectl.run("get cm cm/web-config").err());
        assertEquals("error: unable to match a printer suitable for the output format \"foo\", allowed formats are: "
                + "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
                + "jsonpath-file,name,template,templatefile,wide,yaml\n", kubectl.run("get cm -o foo").err());
        assertEquals("error: error parsing jsonpath {.items[, unterminated array\n",
                kubectl.run("get cm -o jsonpath={.items[").err());
    }

    @Test
    void jsonPathSeesAListOrTheOneObjectNamed() {
        assertEquals("db-config=2 kube-root-ca.crt= web-config=1 ",
                ok("get cm -o jsonpath='{range .items[*]}{.metadata.name}={.data.v} {end}'").out());
        assertEquals("1", ok("get cm web-config -o jsonpath={.data.v}").out());
        assertEquals("web-config", ok("get configmap/web-config -o jsonpath={.metadata.name}").out());
        assertEquals("[\n    \"front\"\n]\n", ok("get cm web-config -o jsonpath-as-json={.metadata.labels.tier}").out());
    }

    @Test
    void theRangeIdiomWithQuotedEscapes() {
        assertEquals("db-config\t2\nkube-root-ca.crt\t\nweb-config\t1\n",
                ok("get cm -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.data.v}{\"\\n\"}{end}'").out());
    }

    @Test
    void customColumnsPrintNoneForMissingAndGoValuesForMaps() {
        assertEquals("""
                NAME               V        LABELS
                db-config          2        map[app:db]
                kube-root-ca.crt   <none>   <none>
                web-config         1        map[app:web tier:front]
                """, ok("get cm -o custom-columns=NAME:.metadata.name,V:data.v,LABELS:{.metadata.labels}").out());
        assertEquals("db-config\nkube-root-ca.crt\nweb-config\n",
                ok("get cm -o custom-columns=N:.metadata.name --no-headers").out());
    }

    @Test
    void sortByComparesQuantitiesAndPutsMissingFieldsFirst() {
        assertEquals("configmap/kube-root-ca.crt\nconfigmap/db-config\nconfigmap/web-config\n",
                ok("get cm --sort-by=.data.order -o name").out());
        assertEquals("error: couldn't find any field with path \"{.data.nothing}\" in the list of objects\n",
                kubectl.run("get cm --sort-by=.data.nothing -o name").err());
    }

    @Test
    void yamlOfOneObjectIsTheObjectAndOfSeveralAList() {
        String yaml = ok("get cm web-config -o yaml").out().replaceAll("(resourceVersion|uid): .*", "$1: X");
        assertEquals("""
                apiVersion: v1
                data:
                  order: "10"
                  v: "1"
                kind: ConfigMap
                metadata:
                  creationTimestamp: "2025-01-01T00:00:00Z"
                  labels:
                    app: web
                    tier: front
                  name: web-config
                  namespace: default
                  resourceVersion: X
                  uid: X
                """, yaml);
        String list = ok("get cm -l app -o yaml").out();
        assertTrue(list.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n"), list);
        assertTrue(list.endsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n"), list);
        assertEquals("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n",
                ok("get cm -l app=x -o yaml").out());
    }

    @Test
    void jsonIsIndentedByFourWithSortedKeys() {
        String json = ok("get cm db-config -o json").out().replaceAll("\"(resourceVersion|uid)\": \".*\"", "\"$1\": \"X\"");
        assertEquals("""
                {
                    "apiVersion": "v1",
                    "data": {
                        "order": "9",
                        "v": "2"
                    },
                    "kind": "ConfigMap",
                    "metadata": {
                        "creationTimestamp": "2025-01-01T00:00:00Z",
                        "labels": {
                            "app": "db"
                        },
                        "name": "db-config",
                        "namespace": "default",
                        "resourceVersion": "X",
                        "uid": "X"
                    }
                }
                """, json);
        assertTrue(ok("get cm db-config web-config -o json").out().endsWith(
                "    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"));
    }

    @Test
    void allNamespacesPutsTheNamespaceColumnFirst() {
        List<String> lines = ok("get cm -A -l app=web").out().lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).matches("NAMESPACE +NAME +.*"), lines.get(0));
        assertTrue(lines.get(1).matches("default +web-config +.*"), lines.get(1));
        assertTrue(lines.get(2).matches("other +web-config +.*"), lines.get(2));
        assertEquals(lines.get(0).indexOf("NAME "), lines.get(1).indexOf("web-config"));
    }

    @Test
    void labelsColumnsComeLast() {
        List<String> lines = ok("get cm -l app --show-labels -L tier,app").out().lines().toList();
        assertTrue(lines.get(0).matches("NAME +.* TIER +APP +LABELS"), lines.get(0));
        assertTrue(lines.get(1).matches("db-config +.* +db +app=db"), lines.get(1));
        assertTrue(lines.get(2).matches("web-config +.* front +web +app=web,tier=front"), lines.get(2));
    }

    @Test
    void severalKindsPrintKindPrefixedNamesInBlocks() {
        // Kind prefixes only when objects of several kinds are printed, not merely asked for.
        assertTrue(ok("get cm,ns -l app=db").out().lines().skip(1).allMatch(l -> l.startsWith("db-config ")));
        String both = ok("get cm,svc").out();
        String[] blocks = both.split("\n\n");
        assertEquals(2, blocks.length, both);
        assertTrue(blocks[0].lines().skip(1).allMatch(l -> l.startsWith("configmap/")), blocks[0]);
        assertTrue(blocks[1].lines().skip(1).allMatch(l -> l.startsWith("service/")), blocks[1]);
        assertTrue(ok("get cm").out().lines().skip(1).noneMatch(l -> l.startsWith("configmap/")));
        assertTrue(ok("get cm --show-kind").out().lines().skip(1).allMatch(l -> l.startsWith("configmap/")));
    }

    @Test
    void getAllListsTheAllCategoryInDiscoveryOrder() {
        String names = ok("get all -n kube-system -o name").out();
        List<String> kinds = names.lines().map(l -> l.substring(0, l.indexOf('/'))).distinct().toList();
        assertEquals(List.of("pod", "service", "daemonset.apps", "deployment.apps", "replicaset.apps"), kinds);
        String table = ok("get all -n kube-system").out();
        assertEquals(5, table.split("\n\n").length, table);
        assertTrue(table.startsWith("NAME "), table);
    }

    @Test
    void noHeadersDropsHeadersAndTheBlankLinesBetweenKinds() {
        String out = ok("get all -n kube-system --no-headers").out();
        assertTrue(out.lines().noneMatch(String::isEmpty), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("NAME")), out);
    }

    @Test
    void watchPrintsTheListThenOneRowPerChangeWhileVirtualTimeRuns() {
        cluster.kernel().schedule(Duration.ofSeconds(5), "test", () -> configMap("default", "a-much-longer-config-name",
                "app: late", "v: \"4\""));
        cluster.kernel().schedule(Duration.ofSeconds(10), "test", () -> cluster.api().delete(BuiltinResources.CONFIG_MAPS,
                "default", "db-config", DeleteOptions.defaults()));
        var start = cluster.now();
        KubectlResult r = ok("get cm -l app -w --request-timeout=30s -o custom-columns=NAME:.metadata.name,V:.data.v");
        assertEquals("""
                NAME         V
                db-config    2
                web-config   1
                a-much-longer-config-name   4
                db-config                   2
                """, r.out());
        assertEquals(Duration.ofSeconds(30), Duration.between(start, cluster.now()));
    }

    @Test
    void watchOnlyPrintsChangesWithTheHeaderOnce() {
        cluster.kernel().schedule(Duration.ofSeconds(5), "test", () -> configMap("default", "late", "app: late", "v: \"4\""));
        KubectlResult r = ok("get cm -l app --watch-only --request-timeout=20s");
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("NAME "), r.out());
        assertTrue(lines.get(1).startsWith("late "), r.out());
    }

    @Test
    void watchingOneObjectSkipsTheWatchsFirstCopyOfIt() {
        cluster.kernel().schedule(Duration.ofSeconds(5), "test", () -> {
            var cm = cluster.api().get(BuiltinResources.CONFIG_MAPS, "default", "web-config");
            cluster.api().update(BuiltinResources.CONFIG_MAPS, cm.withData(new TreeMap<>(Map.of("v", "5"))));
        });
        assertEquals("""
                NAME         V
                web-config   1
                web-config   5
                """, ok("get cm web-config -w --request-timeout=10s -o custom-columns=NAME:.metadata.name,V:.data.v").out());
    }

    @Test
    void watchEventsCarryTheirType() {
        cluster.kernel().schedule(Duration.ofSeconds(5), "test", () -> configMap("default", "late", "app: late", "v: \"4\""));
        cluster.kernel().schedule(Duration.ofSeconds(8), "test", () -> cluster.api().delete(BuiltinResources.CONFIG_MAPS,
                "default", "late", DeleteOptions.defaults()));
        List<String> json = ok("get cm -l app=late -w --output-watch-events --request-timeout=10s -o json").out()
                .lines().toList();
        assertEquals(2, json.size(), json.toString());
        assertTrue(json.get(0).startsWith("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"data\":{\"v\":\"4\"},"),
                json.get(0));
        assertTrue(json.get(1).startsWith("{\"type\":\"DELETED\",\"object\":{"), json.get(1));
        List<String> table = ok("get cm -l app=web -w --output-watch-events --request-timeout=1s").out().lines().toList();
        assertTrue(table.get(0).startsWith("EVENT      NAME "), table.get(0));
        assertTrue(table.get(1).startsWith("ADDED      web-config "), table.get(1));
        assertEquals("error: --output-watch-events option can only be used with --watch or --watch-only\n",
                kubectl.run("get cm --output-watch-events").err());
    }

    @Test
    void jsonPathExecutionErrorsShowTheTemplateAndTheObject() {
        KubectlResult r = kubectl.run("get cm -o jsonpath={.items[0].data.v}{.items[7]}");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: error executing jsonpath \"{.items[0].data.v}{.items[7]}\": "
                + "Error executing template: array index out of bounds: index 7, length 3. Printing more information for "
                + "debugging the template:\n\ttemplate was:\n\t\t{.items[0].data.v}{.items[7]}\n\tobject given to "
                + "jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{"
                + "map[string]interface {}{\"apiVersion\":\"v1\", \"data\":map[string]interface {}{"), r.err());
        assertTrue(r.err().endsWith("}}\n\n\n"), r.err());
    }

    @Test
    void watchWithoutTimeoutRunsSixtySecondsOfVirtualTime() {
        var start = cluster.now();
        ok("get pods -w -o name");
        assertEquals(Duration.ofSeconds(60), Duration.between(start, cluster.now()));
    }

    @Test
    void componentStatusesAreHealthyWithTheDeprecationWarning() {
        KubectlResult r = ok("get cs");
        // The empty ERROR cell leaves the MESSAGE column's padding, as kubectl's tabwriter does.
        assertEquals("NAME                 STATUS    MESSAGE   ERROR\n"
                + "scheduler            Healthy   ok        \n"
                + "controller-manager   Healthy   ok        \n"
                + "etcd-0               Healthy   ok        \n", r.out());
        assertEquals("Warning: v1 ComponentStatus is deprecated in v1.19+\n", r.err());
        assertEquals("Healthy", ok("get componentstatus etcd-0 -o jsonpath={.conditions[0].type}").out());
    }

    /** printers.go's CSINode columns; the kubelet's CSINode has no drivers. */
    @Test
    void getCsiNodePrintsNameDriversAndAge() {
        assertEquals("""
                NAME     DRIVERS   AGE
                node-1   0         10s
                """, ok("get csinode").out());
        assertEquals("v1/Node/node-1", ok("get csinodes node-1 -o jsonpath={.metadata.ownerReferences[0].apiVersion}/"
                + "{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}").out());
    }

    @Test
    void apiResourcesListsWhatTheServerServes() {
        String out = ok("api-resources").out();
        List<String> lines = out.lines().toList();
        assertEquals("NAME                     SHORTNAMES   APIVERSION                     NAMESPACED   KIND",
                lines.get(0));
        assertTrue(lines.contains(
                "pods                     po           v1                             true         Pod"), out);
        assertTrue(lines.contains(
                "deployments              deploy       apps/v1                        true         Deployment"), out);
        assertTrue(lines.contains(
                "csinodes                              storage.k8s.io/v1              false        CSINode"), out);
        assertEquals("""
                controllerrevisions.apps
                daemonsets.apps
                deployments.apps
                replicasets.apps
                statefulsets.apps
                """, ok("api-resources --api-group=apps -o name").out());
        assertTrue(ok("api-resources --namespaced=false -o name").out().startsWith(
                "componentstatuses\nnamespaces\nnodes\npersistentvolumes\n"));
        assertEquals("error: --output yaml is not available\n", kubectl.run("api-resources -o yaml").err());
    }

    @Test
    void clusterInfoNamesTheControlPlaneAndCoreDns() {
        assertEquals("""
                Kubernetes control plane is running at https://127.0.0.1:6443
                CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

                To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
                """, ok("cluster-info").out());
    }
}
