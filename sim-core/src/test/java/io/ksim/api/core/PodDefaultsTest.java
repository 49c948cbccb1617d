package io.ksim.api.core;

import static io.ksim.api.core.PodJsonTest.decodeStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The defaults of pods and pod templates. Expected values are upstream's, from kubernetes
 * pkg/apis/core/v1/defaults.go and its tests in defaults_test.go (TestPodDefaults, TestWorkloadDefaults,
 * TestSetDefaultProbe, TestSetMinimumScalePod, TestSetDefaultRequestsPod, TestSetDefaultPodSpecHostNetwork,
 * ...), and from the +default markers of k8s.io/api core/v1 types.go.
 */
class PodDefaultsTest {

    private static final ObjectMeta META = ObjectMeta.of("default", "p");

    /** One of every nested type a pod's defaulters visit, each with nothing set (TestPodDefaults). */
    private static final String EVERYTHING_EMPTY = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                env:
                - name: E
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.name
                ports:
                - containerPort: 80
                resources:
                  limits:
                    cpu: 100m
                livenessProbe:
                  httpGet:
                    port: 80
                readinessProbe:
                  grpc:
                    port: 9000
                lifecycle:
                  postStart:
                    httpGet:
                      port: 80
                  preStop:
                    httpGet:
                      port: 80
              volumes:
              - name: unspecified
              - name: azure
                azureDisk:
                  diskName: d
                  diskURI: u
              - name: cm
                configMap:
                  name: cm
              - name: downward
                downwardAPI:
                  items:
                  - path: name
                    fieldRef:
                      fieldPath: metadata.name
              - name: host
                hostPath:
                  path: /var/log
              - name: iscsi
                iscsi:
                  targetPortal: 10.0.0.1:3260
                  iqn: iqn.2001-04.com.example:storage
                  lun: 0
              - name: projected
                projected:
                  sources:
                  - downwardAPI:
                      items:
                      - path: labels
                        fieldRef:
                          fieldPath: metadata.labels
                  - serviceAccountToken:
                      path: token
              - name: rbd
                rbd:
                  monitors: [10.0.0.2:6789]
                  image: foo
              - name: scaleio
                scaleIO:
                  gateway: https://gw
                  system: sys
                  secretRef:
                    name: s
              - name: secret
                secret:
                  secretName: s
              - name: scratch
                ephemeral:
                  volumeClaimTemplate:
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources:
                        requests:
                          storage: "1.0005"
            """;

    /**
     * Upstream's defaults of {@link #EVERYTHING_EMPTY}. The storage plugins' sources are opaque trees: their
     * fields keep the input order, with the defaulted ones last.
     */
    private static final String EVERYTHING_DEFAULTED = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
                - env:
                    - name: E
                      valueFrom:
                        fieldRef:
                          apiVersion: v1
                          fieldPath: metadata.name
                  imagePullPolicy: IfNotPresent
                  lifecycle:
                    postStart:
                      httpGet:
                        path: /
                        port: 80
                        scheme: HTTP
                    preStop:
                      httpGet:
                        path: /
                        port: 80
                        scheme: HTTP
                  livenessProbe:
                    failureThreshold: 3
                    httpGet:
                      path: /
                      port: 80
                      scheme: HTTP
                    periodSeconds: 10
                    successThreshold: 1
                    timeoutSeconds: 1
                  name: c
                  ports:
                    - containerPort: 80
                      protocol: TCP
                  readinessProbe:
                    failureThreshold: 3
                    grpc:
                      port: 9000
                      service: ""
                    periodSeconds: 10
                    successThreshold: 1
                    timeoutSeconds: 1
                  resources:
                    limits:
                      cpu: 100m
                    requests:
                      cpu: 100m
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              enableServiceLinks: true
              restartPolicy: Always
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
              volumes:
                - emptyDir: {}
                  name: unspecified
                - azureDisk:
                    diskName: d
                    diskURI: u
                    cachingMode: ReadWrite
                    fsType: ext4
                    readOnly: false
                    kind: Shared
                  name: azure
                - configMap:
                    defaultMode: 420
                    name: cm
                  name: cm
                - downwardAPI:
                    defaultMode: 420
                    items:
                      - fieldRef:
                          apiVersion: v1
                          fieldPath: metadata.name
                        path: name
                  name: downward
                - hostPath:
                    path: /var/log
                    type: ""
                  name: host
                - iscsi:
                    targetPortal: 10.0.0.1:3260
                    iqn: iqn.2001-04.com.example:storage
                    lun: 0
                    iscsiInterface: default
                  name: iscsi
                - name: projected
                  projected:
                    defaultMode: 420
                    sources:
                      - downwardAPI:
                          items:
                            - fieldRef:
                                apiVersion: v1
                                fieldPath: metadata.labels
                              path: labels
                      - serviceAccountToken:
                          expirationSeconds: 3600
                          path: token
                - name: rbd
                  rbd:
                    monitors:
                      - 10.0.0.2:6789
                    image: foo
                    pool: rbd
                    user: admin
                    keyring: /etc/ceph/keyring
                - name: scaleio
                  scaleIO:
                    gateway: https://gw
                    system: sys
                    secretRef:
                      name: s
                    storageMode: ThinProvisioned
                    fsType: xfs
                - name: secret
                  secret:
                    defaultMode: 420
                    secretName: s
                - ephemeral:
                    volumeClaimTemplate:
                      spec:
                        accessModes:
                          - ReadWriteOnce
                        resources:
                          requests:
                            storage: 1001m
                        volumeMode: Filesystem
                  name: scratch
            status: {}
            """;

    @Test
    void everyNestedDefaultOfAPodAsUpstreamsTestPodDefaults() throws Exception {
        Pod defaulted = PodDefaults.pod(decodeStrict(EVERYTHING_EMPTY, Pod.class));
        assertEquals(EVERYTHING_DEFAULTED, KubeJson.yaml().writeValueAsString(defaulted));
    }

    @Test
    void defaultingIsIdempotent() throws Exception {
        Pod once = PodDefaults.pod(decodeStrict(EVERYTHING_EMPTY, Pod.class));
        assertEquals(once, PodDefaults.pod(once));
        Pod web = PodDefaults.pod(decodeStrict(PodJsonTest.WEB_POD, Pod.class));
        assertEquals(web, PodDefaults.pod(web));
        assertEquals(KubeJson.yaml().writeValueAsString(web), KubeJson.yaml().writeValueAsString(PodDefaults.pod(web)));
    }

    @Test
    void templatesGetThePodSpecDefaultsButNotThePodOnlyOnes() throws Exception {
        // TestWorkloadDefaults and TestDefaultRequestIsNotSetForReplicationController: no requests from limits,
        // no enableServiceLinks, no host ports in templates.
        Pod pod = decodeStrict(EVERYTHING_EMPTY, Pod.class);
        PodSpec spec = pod.spec().toBuilder().hostNetwork(true).build();
        PodTemplateSpec t = PodDefaults.podTemplateSpec(new PodTemplateSpec(META, spec));
        Container c = t.spec().containers().get(0);
        assertEquals(Map.of(), c.resources().requests());
        assertNull(c.ports().get(0).hostPort());
        assertNull(t.spec().enableServiceLinks());
        assertEquals(DNSPolicy.CLUSTER_FIRST, t.spec().dnsPolicy());
        assertEquals(PullPolicy.IF_NOT_PRESENT, c.imagePullPolicy());
        assertEquals(PodDefaults.podSpec(spec), t.spec());
        PodTemplate kind = new PodTemplate(null, null, META, new PodTemplateSpec(null, spec));
        assertEquals(t.spec(), PodDefaults.podTemplate(kind).template().spec());
    }

    @ParameterizedTest(name = "serviceAccountName={0} serviceAccount={1}")
    @CsvSource(nullValues = "-", value = {
        "agent, -, agent",
        "-, legacy, legacy",
        "agent, legacy, agent",
        "-, -, -"})
    void serviceAccountIsTheAliasOfServiceAccountName(String name, String alias, String both) {
        // Convert_v1_PodSpec_To_core_PodSpec: the alias fills an empty serviceAccountName; the way back
        // writes serviceAccount = serviceAccountName, so a stored template carries both.
        PodSpec spec = PodSpec.builder().containers(List.of(Container.of("c", "busybox")))
                .serviceAccountName(name).serviceAccount(alias).build();
        PodSpec defaulted = PodDefaults.podTemplateSpec(new PodTemplateSpec(null, spec)).spec();
        assertEquals(both, defaulted.serviceAccountName());
        assertEquals(both, defaulted.serviceAccount());
    }

    @Test
    void podSpecDefaultsKeepWhatIsSet() {
        PodSpec spec = PodSpec.builder().containers(List.of(Container.of("c", "busybox")))
                .dnsPolicy(DNSPolicy.DEFAULT).restartPolicy(RestartPolicy.NEVER).terminationGracePeriodSeconds(0L)
                .schedulerName("my-scheduler").enableServiceLinks(false).build();
        PodSpec d = PodDefaults.pod(Pod.of(META, spec)).spec();
        assertEquals(DNSPolicy.DEFAULT, d.dnsPolicy());
        assertEquals(RestartPolicy.NEVER, d.restartPolicy());
        assertEquals(0L, d.terminationGracePeriodSeconds());
        assertEquals("my-scheduler", d.schedulerName());
        assertEquals(false, d.enableServiceLinks());
    }

    @Test
    void emptyPodGetsSchedulerNameServiceLinksAndGracePeriod() {
        // TestSetDefaultSchedulerName, TestSetDefaultEnableServiceLinks
        PodSpec d = PodDefaults.pod(Pod.of(META, PodSpec.builder().build())).spec();
        assertEquals(PodDefaults.DEFAULT_SCHEDULER_NAME, d.schedulerName());
        assertEquals("default-scheduler", d.schedulerName());
        assertEquals(true, d.enableServiceLinks());
        assertEquals(30L, d.terminationGracePeriodSeconds());
        assertEquals(RestartPolicy.ALWAYS, d.restartPolicy());
        assertEquals("{}", d.securityContext().toString());
    }

    @Test
    void probeDefaultsOnlyReplaceZeros() {
        // TestSetDefaultProbe: an empty probe gets 1/10/1/3 and initialDelaySeconds stays 0.
        Probe empty = new Probe(null, null, null, null, null, null, null, null, null, null);
        assertEquals(new Probe(null, null, null, null, null, 1, 10, 1, 3, null), PodDefaults.probe(empty));
        Probe zeros = new Probe(null, null, null, null, 0, 0, 0, 0, 0, null);
        assertEquals(new Probe(null, null, null, null, 0, 1, 10, 1, 3, null), PodDefaults.probe(zeros));
        Probe set = Probe.tcpSocket(IntOrString.of(80)).withTiming(5, 2, 20, 2, 6);
        assertEquals(set, PodDefaults.probe(set));
    }

    @Test
    void httpGetKeepsPathAndScheme() {
        HTTPGetAction https = new HTTPGetAction("/ready", IntOrString.of(443), null, HTTPGetAction.SCHEME_HTTPS, null);
        assertEquals(https, PodDefaults.httpGetAction(https));
        assertEquals(new HTTPGetAction("/", IntOrString.of("http"), "localhost", "HTTP", null),
                PodDefaults.httpGetAction(new HTTPGetAction(null, IntOrString.of("http"), "localhost", null, null)));
    }

    @Test
    void requestsDefaultToLimitsPerResourceAndAnExplicitZeroStays() {
        // TestSetDefaultRequestsPod
        Container c = Container.builder().name("c").image("app:1").resources(ResourceRequirements.of(
                Map.of(ResourceName.CPU, Quantity.parse("100m"), ResourceName.MEMORY, Quantity.parse("1Gi")),
                Map.of(ResourceName.MEMORY, Quantity.parse("0")))).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).initContainers(List.of(c)).build();
        PodSpec d = PodDefaults.pod(Pod.of(META, spec)).spec();
        for (Container x : List.of(d.containers().get(0), d.initContainers().get(0))) {
            assertEquals("100m", x.resources().requests().get(ResourceName.CPU).toString());
            assertEquals("0", x.resources().requests().get(ResourceName.MEMORY).toString());
        }
        // No limits: no requests.
        PodSpec none = PodDefaults.pod(Pod.of(META, PodSpec.of(Container.of("c", "app:1")))).spec();
        assertEquals(Map.of(), none.containers().get(0).resources().requests());
    }

    @Test
    void resourceListsRoundUpToMilli() {
        // TestSetMinimumScalePod: a 1n memory request becomes 1m; a 2n cpu limit, copied to requests, too.
        Container c = Container.builder().name("c").image("app:1").resources(ResourceRequirements.of(
                Map.of(ResourceName.CPU, Quantity.parse("2n")), Map.of(ResourceName.MEMORY, Quantity.parse("1n"))))
                .build();
        Container d = PodDefaults.pod(Pod.of(META, PodSpec.of(c))).spec().containers().get(0);
        assertEquals(Quantity.parse("1m"), d.resources().requests().get(ResourceName.MEMORY));
        assertEquals(Quantity.parse("1m"), d.resources().requests().get(ResourceName.CPU));
        assertEquals(Quantity.parse("1m"), d.resources().limits().get(ResourceName.CPU));
        assertEquals("1m", d.resources().limits().get(ResourceName.CPU).toString());
        // Away from zero, and exact values untouched.
        assertEquals(Quantity.parse("-2m"), PodDefaults.roundUpToMilli(Quantity.parse("-1.5m")));
        Quantity exact = Quantity.parse("1.5Gi");
        assertTrue(exact == PodDefaults.roundUpToMilli(exact));
    }

    @Test
    void hostNetworkPodsGetHostPortsForContainerPorts() {
        // TestSetDefaultPodSpecHostNetwork
        Container c = Container.builder().name("c").image("app:1")
                .ports(List.of(ContainerPort.of(8080), new ContainerPort(null, 9000, 9090, null, null))).build();
        PodSpec spec = PodSpec.builder().hostNetwork(true).containers(List.of(c)).initContainers(List.of(c)).build();
        PodSpec d = PodDefaults.pod(Pod.of(META, spec)).spec();
        for (Container x : List.of(d.containers().get(0), d.initContainers().get(0))) {
            assertEquals(8080, x.ports().get(0).hostPort());
            assertEquals(9000, x.ports().get(1).hostPort());
            assertEquals(Protocol.TCP, x.ports().get(0).protocol());
        }
        PodSpec noHostNet = PodDefaults.pod(Pod.of(META, spec.toBuilder().hostNetwork(false).build())).spec();
        assertNull(noHostNet.containers().get(0).ports().get(0).hostPort());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.27, IfNotPresent",
            "docker.io/library/nginx, Always",
            "registry.k8s.io/pause:3.10, IfNotPresent",
            "localhost:5000/app, Always",
            "localhost:5000/app:latest, Always",
            "localhost/app:v2, IfNotPresent",
            "myregistry.example.com:5000/team/app:latest, Always",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
            "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, Always",
            "nginx:latest@sha256:0123, IfNotPresent",
            "nginx:latest@md5:0123456789abcdef0123456789abcdef, IfNotPresent",
            "Nginx, IfNotPresent",
            "NGINX:latest, IfNotPresent",
            "Example.com/app, Always",
            "nginx:LATEST, IfNotPresent",
            "'', IfNotPresent",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
    })
    void imagePullPolicyFollowsTheTag(String image, String expected) {
        // SetDefaults_Container: Always for the tag "latest" (explicit, or implied by neither tag nor digest),
        // IfNotPresent otherwise, including references that do not parse.
        Container d = PodDefaults.container(Container.of("c", image));
        assertEquals(expected, d.imagePullPolicy());
    }

    @Test
    void explicitPullPolicyAndTerminationMessageSettingsStay() {
        Container c = Container.builder().name("c").image("nginx").imagePullPolicy(PullPolicy.NEVER)
                .terminationMessagePath("/tmp/msg")
                .terminationMessagePolicy(TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR).build();
        assertEquals(c, PodDefaults.container(c));
    }

    @Test
    void ephemeralContainersGetContainerDefaults() {
        EphemeralContainer debug = EphemeralContainer.of(Container.builder().name("debugger").image("busybox")
                .ports(List.of(ContainerPort.of(1))).build(), "app");
        PodSpec spec = PodSpec.builder().containers(List.of(Container.of("app", "app:1")))
                .ephemeralContainers(List.of(debug)).build();
        EphemeralContainer d = PodDefaults.pod(Pod.of(META, spec)).spec().ephemeralContainers().get(0);
        assertEquals(PullPolicy.ALWAYS, d.imagePullPolicy());
        assertEquals(PodDefaults.TERMINATION_MESSAGE_PATH_DEFAULT, d.terminationMessagePath());
        assertEquals(Protocol.TCP, d.ports().get(0).protocol());
        assertEquals("app", d.targetContainerName());
    }

    @Test
    void volumeModesAndSourcesAlreadySetStay() throws Exception {
        Pod pod = decodeStrict("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: c
                    image: app:1
                  volumes:
                  - name: a
                    secret:
                      secretName: s
                      defaultMode: 256
                  - name: b
                    hostPath:
                      path: /data
                      type: DirectoryOrCreate
                  - name: c
                    azureDisk:
                      diskName: d
                      diskURI: u
                      cachingMode: None
                      readOnly: true
                  - name: d
                    projected:
                      defaultMode: 256
                      sources:
                      - serviceAccountToken:
                          path: token
                          expirationSeconds: 7200
                """, Pod.class);
        List<Volume> v = PodDefaults.pod(pod).spec().volumes();
        assertEquals(256, v.get(0).secret().defaultMode());
        assertEquals(HostPathVolumeSource.TYPE_DIRECTORY_OR_CREATE, v.get(1).hostPath().type());
        assertEquals("None", v.get(2).azureDisk().text("cachingMode"));
        assertEquals("true", v.get(2).azureDisk().text("readOnly"));
        assertEquals("ext4", v.get(2).azureDisk().text("fsType"));
        assertEquals(256, v.get(3).projected().defaultMode());
        assertEquals(7200L, v.get(3).projected().sources().get(0).serviceAccountToken().expirationSeconds());
    }

    @Test
    void statusResourceListsAreRounded() {
        ContainerStatus cs = ContainerStatus.builder().name("c")
                .allocatedResources(Map.of(ResourceName.CPU, Quantity.parse("0.0001"))).build();
        Pod pod = Pod.of(META, PodSpec.of(Container.of("c", "app:1")))
                .withStatus(PodStatus.builder().containerStatuses(List.of(cs)).build());
        assertEquals(Quantity.parse("1m"), PodDefaults.pod(pod).status().containerStatuses().get(0)
                .allocatedResources().get(ResourceName.CPU));
    }
}
