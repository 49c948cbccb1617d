package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlCreateTest {

    private final Cluster cluster = KubectlApplyTest.started();
    private final Kubectl kubectl = new Kubectl(cluster);

    private static final String TWO = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
            data:
              a: "1"
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: two
            spec:
              selector:
                app: web
              ports:
              - port: 80
            """;

    @Test
    void createFromStdinCreatesEveryDocumentAndReportsWhatExists() {
        assertEquals("configmap/one created\nservice/two created\n", kubectl.run("create -f -", TWO).out());
        KubectlResult again = kubectl.run("create -f -", TWO);
        assertEquals(1, again.exitCode());
        assertEquals("", again.out());
        assertEquals("Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"one\" already exists\n"
                + "Error from server (AlreadyExists): error when creating \"STDIN\": services \"two\" already exists\n",
                again.err());
    }

    @Test
    void createFromFilesRepeatedAndDirectories(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("more"));
        Files.writeString(dir.resolve("two.yaml"), TWO);
        Files.writeString(dir.resolve("more/b.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"b\"}}");
        Files.writeString(dir.resolve("more/a.yml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        KubectlResult r = new Kubectl(cluster).workingDirectory(dir).run("create -f two.yaml -f more -o name");
        assertEquals("configmap/one\nservice/two\nnamespace/a\nnamespace/b\n", r.out(), r.err());
    }

    @Test
    void createPrintsTheServersObjectAsYaml() {
        KubectlResult r = kubectl.run("create configmap settings --from-literal=color=blue -o yaml");
        String yaml = r.out();
        assertTrue(yaml.startsWith("apiVersion: v1\ndata:\n  color: blue\nkind: ConfigMap\nmetadata:\n  creationTimestamp: \""),
                yaml);
        assertTrue(yaml.contains("\n  name: settings\n  namespace: default\n  resourceVersion: \""), yaml);
    }

    @Test
    void namespaceOfTheFileMustMatchAnExplicitNamespace() {
        kubectl.run("create namespace shop");
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n";
        assertEquals("error: the namespace from the provided object \"shop\" does not match the namespace \"dev\". "
                + "You must pass '--namespace=shop' to perform this operation.\n", kubectl.run("create -n dev -f -", cm).err());
        assertEquals("configmap/c created\n", kubectl.run("create -n shop -f -", cm).out());
    }

    @Test
    void generatorsCreateWhatTheyPrint() {
        assertEquals("deployment.apps/web created\n", kubectl.run("create deployment web --image=nginx:1.25 --replicas=2 --port=80").out());
        assertEquals("service/web created\n", kubectl.run("create service clusterip web --tcp=80:80").out());
        assertEquals("namespace/shop created\n", kubectl.run("create ns shop").out());
        assertEquals("serviceaccount/robot created\n", kubectl.run("create sa robot -n shop").out());
        assertEquals("rolebinding.rbac.authorization.k8s.io/view created\n",
                kubectl.run("create rolebinding view --clusterrole=view --serviceaccount=shop:robot -n shop").out());
        assertEquals("cronjob.batch/tick created\n",
                kubectl.run("create cronjob tick --image=busybox '--schedule=*/5 * * * *'").out());
        assertTrue(cluster.runUntil(() -> cluster.pods("default", "app=web").stream()
                .filter(p -> "Running".equals(p.status().phase())).count() == 2, Duration.ofMinutes(2)));
        Pod pod = cluster.pods("default", "app=web").get(0);
        assertEquals("nginx", pod.spec().containers().get(0).name());
        assertEquals(80, pod.spec().containers().get(0).ports().get(0).containerPort());
    }

    @Test
    void createDeploymentNamesItsReplicaSetAsARealClusterDoes() {
        // kubectl create deployment nginx --image=nginx on a v1.32 cluster makes ReplicaSet nginx-5869d7778c:
        // the hash is taken over the Go dump of the template kubectl sent, defaulted by the API server.
        kubectl.run("create deployment nginx --image=nginx");
        assertTrue(cluster.runUntil(() -> !cluster.api().list(BuiltinResources.REPLICA_SETS, "default").items().isEmpty(),
                Duration.ofSeconds(30)));
        assertEquals("nginx-5869d7778c",
                cluster.api().list(BuiltinResources.REPLICA_SETS, "default").items().get(0).metadata().name());
    }

    @Test
    void jobFromCronJobIsOwnedByItAndMarkedManual() {
        kubectl.run("create cronjob tick --image=busybox \"--schedule=*/5 * * * *\"");
        assertEquals("job.batch/now created\n", kubectl.run("create job now --from=cronjob/tick").out());
        var job = cluster.api().get(BuiltinResources.JOBS, "default", "now");
        assertEquals("manual", job.metadata().annotations().get("cronjob.kubernetes.io/instantiate"));
        assertEquals("tick", job.metadata().ownerReferences().get(0).name());
        assertEquals("Error from server (NotFound): cronjobs.batch \"nope\" not found\n",
                kubectl.run("create job x --from=cronjob/nope").err());
    }

    @Test
    void runCreatesABarePodLabelledRun() {
        assertEquals("pod/web created\n", kubectl.run("run web --image=nginx --port=80 --env=MODE=prod").out());
        Pod pod = cluster.pod("default", "web");
        assertEquals("web", pod.metadata().labels().get("run"));
        assertEquals("MODE", pod.spec().containers().get(0).env().get(0).name());
        assertTrue(cluster.runUntil(() -> "Running".equals(cluster.pod("default", "web").status().phase()),
                Duration.ofMinutes(1)));
        assertEquals("Error from server (AlreadyExists): pods \"web\" already exists\n",
                kubectl.run("run web --image=nginx").err());
    }

    @Test
    void runOverridesPatchThePodBeforeItIsCreated() {
        KubectlResult r = kubectl.run("run web --image=nginx --overrides='{\"spec\":{\"nodeSelector\":"
                + "{\"kubernetes.io/hostname\":\"node-1\"},\"bogus\":1}}'");
        assertEquals("pod/web created\n", r.out(), r.err());
        Pod pod = cluster.pod("default", "web");
        assertEquals("node-1", pod.spec().nodeSelector().get("kubernetes.io/hostname"));
        assertEquals("nginx", pod.spec().containers().get(0).image());
        KubectlResult bad = kubectl.run("run other --image=nginx --overrides='{\"spec\":{\"containers\":[]}}'");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("The Pod \"other\" is invalid: spec.containers: Required value"), bad.err());
    }

    @Test
    void exposeTakesSelectorLabelsAndPortsFromTheResource() {
        kubectl.run("create deployment web --image=nginx --port=8080");
        assertEquals("service/web exposed\n", kubectl.run("expose deployment web --port=80 --target-port=8080").out());
        Service svc = cluster.api().get(BuiltinResources.SERVICES, "default", "web");
        assertEquals("web", svc.spec().selector().get("app"));
        assertEquals("web", svc.metadata().labels().get("app"));
        assertEquals(80, svc.spec().ports().get(0).port());
        assertEquals("8080", svc.spec().ports().get(0).targetPort().toString());
        assertEquals("service/web2 exposed\n", kubectl.run("expose deploy/web --name=web2 --type=NodePort").out());
        Service two = cluster.api().get(BuiltinResources.SERVICES, "default", "web2");
        assertEquals(8080, two.spec().ports().get(0).port());
        assertEquals("NodePort", two.spec().type());
        kubectl.run("run bare --image=nginx");
        assertEquals("error: couldn't find port via --port flag or introspection\n", kubectl.run("expose pod bare").err());
        kubectl.run("create configmap c");
        assertEquals("error: cannot expose a ConfigMap\n", kubectl.run("expose configmap c --port=80").err());
    }

    @Test
    void exposeDryRunPrintsKubectlsService() {
        kubectl.run("create deployment web --image=nginx --port=8080");
        assertEquals("""
                apiVersion: v1
                kind: Service
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                  name: web
                spec:
                  ports:
                  - port: 80
                    protocol: TCP
                    targetPort: 8080
                  selector:
                    app: web
                status:
                  loadBalancer: {}
                """, kubectl.run("expose deployment web --port=80 --target-port=8080 --dry-run=client -o yaml").out());
    }

    @Test
    void replaceUpdatesAndForceReplaceRecreates() {
        kubectl.run("create -f -", TWO);
        String changed = TWO.replace("a: \"1\"", "a: \"2\"");
        assertEquals("configmap/one replaced\nservice/two replaced\n", kubectl.run("replace -f -", changed).out());
        assertEquals("2", cluster.api().get(BuiltinResources.CONFIG_MAPS, "default", "one").data().get("a"));
        String uid = cluster.api().get(BuiltinResources.CONFIG_MAPS, "default", "one").metadata().uid();
        KubectlResult forced = kubectl.run("replace --force -f -", changed.substring(0, changed.indexOf("---")));
        assertEquals("configmap \"one\" deleted\nconfigmap/one replaced\n", forced.out(), forced.err());
        assertTrue(!uid.equals(cluster.api().get(BuiltinResources.CONFIG_MAPS, "default", "one").metadata().uid()));
        assertEquals("Error from server (NotFound): error when replacing \"STDIN\": configmaps \"zzz\" not found\n",
                kubectl.run("replace -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zzz\n").err());
    }

    @Test
    void roleGroupsResourcesByApiGroupResolvedThroughDiscovery() {
        assertEquals("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  creationTimestamp: null
                  name: r
                rules:
                - apiGroups:
                  - ""
                  resourceNames:
                  - x
                  resources:
                  - pods
                  - pods/log
                  verbs:
                  - get
                  - list
                - apiGroups:
                  - apps
                  resourceNames:
                  - x
                  resources:
                  - deployments
                  - replicasets
                  verbs:
                  - get
                  - list
                """, kubectl.run("create role r --verb=get,list,get --resource=po,deploy.apps,rs,pods/log "
                + "--resource-name=x --dry-run=client -o yaml").out());
        assertEquals("error: invalid verb: 'fly'\n", kubectl.run("create role r --verb=fly --resource=pods").err());
        assertEquals("role.rbac.authorization.k8s.io/r created\n", kubectl.run("create role r --verb=* --resource=pods").out());
        assertEquals("clusterrole.rbac.authorization.k8s.io/metrics created\n",
                kubectl.run("create clusterrole metrics --verb=get --non-resource-url=/metrics").out());
        var rule = cluster.api().get(BuiltinResources.CLUSTER_ROLES, null, "metrics").rules().get(0);
        assertEquals(java.util.List.of("/metrics"), rule.nonResourceURLs());
    }

    @Test
    void tlsSecretHoldsTheFilesBase64(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.pem"), "CERT\n");
        Files.writeString(dir.resolve("k.pem"), "KEY\n");
        KubectlResult r = new Kubectl(cluster).workingDirectory(dir)
                .run("create secret tls t --cert=c.pem --key=k.pem --dry-run=client -o yaml");
        assertEquals("""
                apiVersion: v1
                data:
                  tls.crt: Q0VSVAo=
                  tls.key: S0VZCg==
                kind: Secret
                metadata:
                  creationTimestamp: null
                  name: t
                type: kubernetes.io/tls
                """, r.out(), r.err());
    }

    @Test
    void severalObjectsAsYamlAreSeparatedByDocumentMarkers() {
        String out = kubectl.run("create -f - --dry-run=client -o yaml", TWO).out();
        assertTrue(out.startsWith("apiVersion: v1\ndata:\n  a: \"1\"\nkind: ConfigMap\n"), out);
        assertTrue(out.contains("\n---\napiVersion: v1\nkind: Service\n"), out);
    }

    @Test
    void generateNameGetsItsNameFromTheServer() {
        String out = kubectl.run("create -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cfg-\n").out();
        assertTrue(out.matches("configmap/cfg-[a-z0-9]{5} created\n"), out);
        assertEquals("error: error when retrieving current configuration of:\nResource: \"/v1, Resource=configmaps\", "
                + "GroupVersionKind: \"/v1, Kind=ConfigMap\"\nName: \"\", Namespace: \"default\"\nfrom server for: "
                + "\"STDIN\": resource name may not be empty\n",
                kubectl.run("apply -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cfg-\n").err());
    }
}
