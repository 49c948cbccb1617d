package io.ksim.controller.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.KubeJson;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.controller.ControllerUtils;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The pod-template-hash of templates as a v1.32 API server stores them (after defaulting), against the
 * values upstream's ComputeHash prints for the same templates: controller.ComputeHash over the Go types
 * of k8s.io/api v0.32 (dump.ForHash, FNV-32a, the collision count, SafeEncodeString), each template
 * decoded from this JSON and passed through a protobuf round trip as the controller manager reads it.
 *
 * <p>Two of the names are also what real clusters print, widely published: {@code kubectl create
 * deployment nginx --image=nginx} makes ReplicaSet {@code nginx-5869d7778c} (for example on kind v0.27,
 * Kubernetes v1.32.2), and the documentation's nginx-deployment example ({@code nginx:1.14.2}, port 80)
 * makes {@code nginx-deployment-647677fc66}.
 */
class PodTemplateHashTest {

    /** kubectl create deployment nginx --image=nginx, as stored. */
    static final String NGINX = """
            {"metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx",
            "image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
            "imagePullPolicy":"Always"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
            "securityContext":{},"schedulerName":"default-scheduler"}}""";

    /** The documentation's nginx-deployment template, as stored. */
    static final String DOCS = """
            {"metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx",
            "image":"nginx:1.14.2","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log",
            "terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always",
            "terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}}""";

    /** Resources, probes, env, ports, volumes, affinity, tolerations, a pod security context. */
    static final String WEB = """
            {"metadata":{"labels":{"app":"web","tier":"frontend"},"annotations":{"example.com/owner":"team-a"}},
            "spec":{"volumes":[{"name":"config","configMap":{"name":"web-config","defaultMode":420}},{"name":"cache",
            "emptyDir":{"sizeLimit":"1Gi"}}],"containers":[{"name":"web","image":"nginx:1.27","command":["nginx"],
            "args":["-g","daemon off;"],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
            "env":[{"name":"MODE","value":"prod"},{"name":"POD_IP","valueFrom":{"fieldRef":{"apiVersion":"v1",
            "fieldPath":"status.podIP"}}}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"0.25",
            "memory":"128Mi"}},"volumeMounts":[{"name":"config","mountPath":"/etc/nginx/conf.d","readOnly":true},
            {"name":"cache","mountPath":"/var/cache/nginx"}],"livenessProbe":{"httpGet":{"path":"/healthz",
            "port":8080,"scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,
            "successThreshold":1,"failureThreshold":3},"readinessProbe":{"tcpSocket":{"port":"http"},"timeoutSeconds":1,
            "periodSeconds":5,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log",
            "terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always",
            "terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","nodeSelector":{"kubernetes.io/os":"linux"},
            "securityContext":{"runAsNonRoot":true,"fsGroup":2000},"schedulerName":"default-scheduler",
            "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone",
            "operator":"In","values":["a","b"]}]}]}},"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
            "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}}]}},
            "tolerations":[{"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"},{"key":"node.kubernetes.io/not-ready",
            "operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]}}""";

    /** Quantities on every path of ParseQuantity: cached text, canonical rewrite, arbitrary precision, caps. */
    static final String QUANTITIES = """
            {"metadata":{"labels":{"app":"q"}},"spec":{"containers":[{"name":"q","image":"busybox","resources":{"limits":{"cpu":"1.001",
            "memory":"1Pi","ephemeral-storage":"12345678901234567890","example.com/big":"8Ei","example.com/frac":"1.5Gi",
            "example.com/half":"0.5Ki"},"requests":{"cpu":"0","memory":"1e3","example.com/neg":"-2","example.com/milli":"0.1",
            "example.com/k":"1000","example.com/odd":"129Mi"}},"terminationMessagePath":"/dev/termination-log",
            "terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,
            "dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler","overhead":{"cpu":"250m"}}}""";

    /**
     * A host-network agent: volumes of every defaulted kind, an init container, limits without requests
     * (templates get no requests from limits, only pods do), serviceAccount mirrored from serviceAccountName.
     */
    static final String AGENT = """
            {"metadata":{"labels":{"app":"agent"}},"spec":{"hostNetwork":true,"serviceAccountName":"agent",
            "serviceAccount":"agent","volumes":[{"name":"scratch","emptyDir":{}},{"name":"creds","secret":{"secretName":"agent-creds",
            "defaultMode":420}},{"name":"info","downwardAPI":{"items":[{"path":"labels","fieldRef":{"apiVersion":"v1",
            "fieldPath":"metadata.labels"}}],"defaultMode":420}},{"name":"token","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3600,
            "path":"token"}}],"defaultMode":420}},{"name":"logs","hostPath":{"path":"/var/log","type":""}}],
            "initContainers":[{"name":"init","image":"busybox:1.36","command":["sh","-c","true"],"resources":{},
            "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
            "containers":[{"name":"agent","image":"agent:latest","ports":[{"containerPort":9100,"protocol":"TCP"}],
            "resources":{"limits":{"cpu":"1m","memory":"64Mi"}},"livenessProbe":{"httpGet":{"path":"/",
            "port":9100,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
            "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],
            "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},
            "schedulerName":"default-scheduler"}}""";

    /** Annotations that need escaping in JSON, and a resourceFieldRef whose divisor is unset. */
    static final String ESCAPES = "{\"metadata\":{\"labels\":{\"app\":\"e\"},\"annotations\":{\"note\":\"<a href=\\\"x\\\">&amp;</a>\\n\\ttab\u2028 caf\u00e9 \\u0001 \\b\\f back\\\\slash\","
            + "\"z\":\"last\",\"A\":\"upper\"}},\"spec\":{\"containers\":[{\"name\":\"e\",\"image\":\"busybox\","
            + "\"env\":[{\"name\":\"LIMIT\",\"valueFrom\":{\"resourceFieldRef\":{\"containerName\":\"e\","
            + "\"resource\":\"limits.memory\"}}}],\"resources\":{},\"terminationMessagePath\":\"/dev/termination-log\","
            + "\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"Always\"}],\"restartPolicy\":\"Always\","
            + "\"terminationGracePeriodSeconds\":30,\"dnsPolicy\":\"ClusterFirst\",\"securityContext\":{},"
            + "\"schedulerName\":\"default-scheduler\"}}";

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("nginx", NGINX, "5869d7778c", "787975cfdc", "5dbdb99998"),
                Arguments.of("docs", DOCS, "647677fc66", "5dbf46ffb6", "7879bf67f9"),
                Arguments.of("web", WEB, "757ff869dc", "7858b79d47", "5d8cfc77c4"),
                Arguments.of("quantities", QUANTITIES, "56bfd66f5f", "6478f6c96c", "8bd6b94f8"),
                Arguments.of("agent", AGENT, "69d9fb8596", "5df495d7f6", "789c5d4d69"),
                Arguments.of("escapes", ESCAPES, "7f9d7445df", "7668b9f577", "5b9cffbc44"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void hashesAsUpstream(String name, String json, String noCollisions, String collisionCount0,
            String collisionCount1) throws Exception {
        PodTemplateSpec t = KubeJson.json().readValue(json, PodTemplateSpec.class);
        assertEquals(noCollisions, ControllerUtils.computeHash(t, null));
        assertEquals(collisionCount0, ControllerUtils.computeHash(t, 0));
        assertEquals(collisionCount1, ControllerUtils.computeHash(t, 1));
    }

    @Test
    void dumpsTheNginxTemplateAsGoSpew() throws Exception {
        PodTemplateSpec t = KubeJson.json().readValue(NGINX, PodTemplateSpec.class);
        assertEquals(NGINX_DUMP, DumpForHash.podTemplateSpec(t));
    }

    /** dump.ForHash of the nginx template in v1.32, one line. */
    static final String NGINX_DUMP = """
            (v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) \
            Namespace:(string) SelfLink:(string) UID:(types.UID) ResourceVersion:(string) Generation:(int64)0 \
            CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} \
            DeletionTimestamp:(*v1.Time)<nil> DeletionGracePeriodSeconds:(*int64)<nil> \
            Labels:(map[string]string)map[app:nginx] Annotations:(map[string]string)<nil> \
            OwnerReferences:([]v1.OwnerReference)<nil> Finalizers:([]string)<nil> \
            ManagedFields:([]v1.ManagedFieldsEntry)<nil>} Spec:(v1.PodSpec){Volumes:([]v1.Volume)<nil> \
            InitContainers:([]v1.Container)<nil> Containers:([]v1.Container)[{Name:(string)nginx \
            Image:(string)nginx Command:([]string)<nil> Args:([]string)<nil> WorkingDir:(string) \
            Ports:([]v1.ContainerPort)<nil> EnvFrom:([]v1.EnvFromSource)<nil> Env:([]v1.EnvVar)<nil> \
            Resources:(v1.ResourceRequirements){Limits:(v1.ResourceList)<nil> Requests:(v1.ResourceList)<nil> \
            Claims:([]v1.ResourceClaim)<nil>} ResizePolicy:([]v1.ContainerResizePolicy)<nil> \
            RestartPolicy:(*v1.ContainerRestartPolicy)<nil> VolumeMounts:([]v1.VolumeMount)<nil> \
            VolumeDevices:([]v1.VolumeDevice)<nil> LivenessProbe:(*v1.Probe)<nil> \
            ReadinessProbe:(*v1.Probe)<nil> StartupProbe:(*v1.Probe)<nil> Lifecycle:(*v1.Lifecycle)<nil> \
            TerminationMessagePath:(string)/dev/termination-log \
            TerminationMessagePolicy:(v1.TerminationMessagePolicy)File ImagePullPolicy:(v1.PullPolicy)Always \
            SecurityContext:(*v1.SecurityContext)<nil> Stdin:(bool)false StdinOnce:(bool)false TTY:(bool)false}] \
            EphemeralContainers:([]v1.EphemeralContainer)<nil> RestartPolicy:(v1.RestartPolicy)Always \
            TerminationGracePeriodSeconds:(*int64)30 ActiveDeadlineSeconds:(*int64)<nil> \
            DNSPolicy:(v1.DNSPolicy)ClusterFirst NodeSelector:(map[string]string)<nil> \
            ServiceAccountName:(string) DeprecatedServiceAccount:(string) \
            AutomountServiceAccountToken:(*bool)<nil> NodeName:(string) HostNetwork:(bool)false \
            HostPID:(bool)false HostIPC:(bool)false ShareProcessNamespace:(*bool)<nil> \
            SecurityContext:(*v1.PodSecurityContext){SELinuxOptions:(*v1.SELinuxOptions)<nil> \
            WindowsOptions:(*v1.WindowsSecurityContextOptions)<nil> RunAsUser:(*int64)<nil> \
            RunAsGroup:(*int64)<nil> RunAsNonRoot:(*bool)<nil> SupplementalGroups:([]int64)<nil> \
            SupplementalGroupsPolicy:(*v1.SupplementalGroupsPolicy)<nil> FSGroup:(*int64)<nil> \
            Sysctls:([]v1.Sysctl)<nil> FSGroupChangePolicy:(*v1.PodFSGroupChangePolicy)<nil> \
            SeccompProfile:(*v1.SeccompProfile)<nil> AppArmorProfile:(*v1.AppArmorProfile)<nil> \
            SELinuxChangePolicy:(*v1.PodSELinuxChangePolicy)<nil>} \
            ImagePullSecrets:([]v1.LocalObjectReference)<nil> Hostname:(string) Subdomain:(string) \
            Affinity:(*v1.Affinity)<nil> SchedulerName:(string)default-scheduler \
            Tolerations:([]v1.Toleration)<nil> HostAliases:([]v1.HostAlias)<nil> PriorityClassName:(string) \
            Priority:(*int32)<nil> DNSConfig:(*v1.PodDNSConfig)<nil> ReadinessGates:([]v1.PodReadinessGate)<nil> \
            RuntimeClassName:(*string)<nil> EnableServiceLinks:(*bool)<nil> \
            PreemptionPolicy:(*v1.PreemptionPolicy)<nil> Overhead:(v1.ResourceList)<nil> \
            TopologySpreadConstraints:([]v1.TopologySpreadConstraint)<nil> SetHostnameAsFQDN:(*bool)<nil> \
            OS:(*v1.PodOS)<nil> HostUsers:(*bool)<nil> SchedulingGates:([]v1.PodSchedulingGate)<nil> \
            ResourceClaims:([]v1.PodResourceClaim)<nil> Resources:(*v1.ResourceRequirements)<nil>}}""";
}
