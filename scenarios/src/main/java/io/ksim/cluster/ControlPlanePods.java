package io.ksim.cluster;

import com.google.common.hash.Hashing;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control-plane node's static pods, as kubeadm v1.32 writes them into /etc/kubernetes/manifests
 * (cmd/kubeadm/app/phases/controlplane and phases/etcd): etcd, kube-apiserver, kube-controller-manager and
 * kube-scheduler, each with its command line, probes, requests, host network and system-node-critical priority.
 * The node's kubelet reads them from disk and publishes each as a mirror pod {@code <name>-<node>} in kube-system:
 * annotations {@code kubernetes.io/config.hash} (and {@code config.mirror}, the same hash), {@code config.seen}
 * (when the kubelet first saw the file, RFC 3339 with nanoseconds) and {@code config.source: file}, the NoExecute
 * toleration the kubelet adds to file pods, and the Node as controlling owner. A mirror pod deleted through the API
 * comes back: the kubelet deletes what is left of it at once and creates it again.
 *
 * <p>In ksim the node's kubelet runs the mirror pod as it runs any pod bound to it, so a deleted mirror pod's
 * containers stop and start again (a real static pod keeps running); the hash is an MD5 of the manifest text where
 * the kubelet hashes the decoded object.
 */
final class ControlPlanePods {

    static final String ETCD_IMAGE = "registry.k8s.io/etcd:3.5.16-0";
    static final String VERSION = "v1.32.0";
    static final List<String> COMPONENTS = List.of("etcd", "kube-apiserver", "kube-controller-manager",
            "kube-scheduler");
    /** The control-plane images kind preloads on its node image (present, so never pulled). */
    static final List<String> IMAGES = List.of(ETCD_IMAGE, "registry.k8s.io/kube-apiserver:" + VERSION,
            "registry.k8s.io/kube-controller-manager:" + VERSION, "registry.k8s.io/kube-scheduler:" + VERSION);
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    private static final DateTimeFormatter SEEN = DateTimeFormatter.ISO_INSTANT;

    private final Kernel kernel;
    private final ApiServer api;
    private final String node;
    /** component -> the static pod as the kubelet decoded it from its file (name and namespace unqualified). */
    private final Map<String, Pod> manifests = new LinkedHashMap<>();
    private final Map<String, String> hashes = new TreeMap<>();
    private final Map<String, String> seen = new TreeMap<>();
    private final Informer<Pod> pods;

    ControlPlanePods(Kernel kernel, ApiServer api, String node, String nodeIP) {
        this.kernel = kernel;
        this.api = api;
        this.node = node;
        for (String component : COMPONENTS) {
            String text = manifest(component, node, nodeIP);
            manifests.put(component, (Pod) api.scheme().decodeAll(text).get(0));
            hashes.put(component, Hashing.md5().hashString(text, StandardCharsets.UTF_8).toString());
        }
        this.pods = Informer.builder(kernel, api, BuiltinResources.PODS).namespace(KubeSystemAddons.NAMESPACE)
                .component("kubelet/" + node + "/mirror-pods").build();
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (isOurs(newPod) && newPod.metadata().deletionTimestamp() != null) {
                    kernel.scheduleNow("kubelet/" + node, () -> recreate(newPod));
                }
            }

            @Override
            public void onDelete(Pod pod) {
                if (isOurs(pod)) {
                    kernel.scheduleNow("kubelet/" + node, () -> recreate(pod));
                }
            }
        });
    }

    /** The kubelet found its manifests: it publishes a mirror pod for each once its Node is registered. */
    void start() {
        pods.start();
        kernel.scheduleNow("kubelet/" + node, this::createMissing);
    }

    private boolean isOurs(Pod pod) {
        return node.equals(pod.spec().nodeName()) && pod.metadata().annotations().containsKey(MIRROR_ANNOTATION);
    }

    private void createMissing() {
        Node n;
        try {
            n = api.get(BuiltinResources.NODES, null, node);
        } catch (ApiException notYet) {
            kernel.schedule(java.time.Duration.ofSeconds(1), "kubelet/" + node, this::createMissing);
            return;
        }
        for (String component : COMPONENTS) {
            String name = component + "-" + node;
            if (exists(name)) {
                continue;
            }
            seen.computeIfAbsent(component, c -> SEEN.format(kernel.instant()));
            api.create(BuiltinResources.PODS, KubeSystemAddons.NAMESPACE, mirror(component, n));
            kernel.trace().record("kubelet/" + node, "MirrorPodCreated", KubeSystemAddons.NAMESPACE + "/" + name,
                    "static pod from /etc/kubernetes/manifests/" + component + ".yaml");
        }
    }

    /** A mirror pod was deleted or marked for deletion: delete what is left at once, then publish it again. */
    private void recreate(Pod old) {
        try {
            Pod current = api.get(BuiltinResources.PODS, KubeSystemAddons.NAMESPACE, old.metadata().name());
            if (current.metadata().uid().equals(old.metadata().uid())) {
                api.delete(BuiltinResources.PODS, KubeSystemAddons.NAMESPACE, old.metadata().name(),
                        DeleteOptions.now());
            }
        } catch (ApiException gone) {
            // already removed
        }
        createMissing();
    }

    private boolean exists(String name) {
        try {
            api.get(BuiltinResources.PODS, KubeSystemAddons.NAMESPACE, name);
            return true;
        } catch (ApiException notFound) {
            return false;
        }
    }

    private Pod mirror(String component, Node n) {
        Pod p = manifests.get(component);
        Map<String, String> annotations = new TreeMap<>(p.metadata().annotations());
        annotations.put("kubernetes.io/config.hash", hashes.get(component));
        annotations.put(MIRROR_ANNOTATION, hashes.get(component));
        annotations.put("kubernetes.io/config.seen", seen.get(component));
        annotations.put("kubernetes.io/config.source", "file");
        ObjectMeta meta = p.metadata().toBuilder().name(component + "-" + node).namespace(KubeSystemAddons.NAMESPACE)
                .annotations(annotations).ownerReferences(List.of(new OwnerReference("v1", "Node", node,
                        n.metadata().uid(), true, null))).build();
        List<Toleration> tolerations = new ArrayList<>(p.spec().tolerations());
        tolerations.add(new Toleration(null, "Exists", null, "NoExecute", null));
        return Pod.of(meta, p.spec().toBuilder().nodeName(node).tolerations(tolerations).build());
    }

    /** kubeadm's manifest of {@code component} for a node named {@code node} at {@code ip}. */
    static String manifest(String component, String node, String ip) {
        return switch (component) {
            case "etcd" -> staticPod(component, "kubeadm.kubernetes.io/etcd.advertise-client-urls: https://" + ip
                    + ":2379", List.of("etcd",
                    "--advertise-client-urls=https://" + ip + ":2379",
                    "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
                    "--client-cert-auth=true",
                    "--data-dir=/var/lib/etcd",
                    "--experimental-initial-corrupt-check=true",
                    "--experimental-watch-progress-notify-interval=5s",
                    "--initial-advertise-peer-urls=https://" + ip + ":2380",
                    "--initial-cluster=" + node + "=https://" + ip + ":2380",
                    "--key-file=/etc/kubernetes/pki/etcd/server.key",
                    "--listen-client-urls=https://127.0.0.1:2379,https://" + ip + ":2379",
                    "--listen-metrics-urls=http://127.0.0.1:2381",
                    "--listen-peer-urls=https://" + ip + ":2380",
                    "--name=" + node,
                    "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
                    "--peer-client-cert-auth=true",
                    "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
                    "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
                    "--snapshot-count=10000",
                    "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt"),
                    ETCD_IMAGE, new Probes("127.0.0.1", 2381, "HTTP", "/livez", "/readyz", "/readyz"), "100m", "100Mi",
                    List.of(new HostPath("etcd-data", "/var/lib/etcd", "DirectoryOrCreate", false),
                            new HostPath("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate", false)));
            case "kube-apiserver" -> staticPod(component, "kubeadm.kubernetes.io/kube-apiserver.advertise-address"
                    + ".endpoint: " + ip + ":6443", List.of("kube-apiserver",
                    "--advertise-address=" + ip,
                    "--allow-privileged=true",
                    "--authorization-mode=Node,RBAC",
                    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
                    "--enable-admission-plugins=NodeRestriction",
                    "--enable-bootstrap-token-auth=true",
                    "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
                    "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
                    "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
                    "--etcd-servers=https://127.0.0.1:2379",
                    "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
                    "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
                    "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                    "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
                    "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key",
                    "--requestheader-allowed-names=front-proxy-client",
                    "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
                    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                    "--requestheader-group-headers=X-Remote-Group",
                    "--requestheader-username-headers=X-Remote-User",
                    "--secure-port=6443",
                    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                    "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
                    "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
                    "--service-cluster-ip-range=10.96.0.0/12",
                    "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
                    "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key"),
                    "registry.k8s.io/kube-apiserver:" + VERSION,
                    new Probes(ip, 6443, "HTTPS", "/livez", "/readyz", "/livez"), "250m", null,
                    List.of(new HostPath("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate", true),
                            new HostPath("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate", true)));
            case "kube-controller-manager" -> staticPod(component, null, List.of("kube-controller-manager",
                    "--allocate-node-cidrs=true",
                    "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
                    "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
                    "--bind-address=127.0.0.1",
                    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
                    "--cluster-cidr=10.244.0.0/16",
                    "--cluster-name=kubernetes",
                    "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
                    "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
                    "--controllers=*,bootstrapsigner,tokencleaner",
                    "--kubeconfig=/etc/kubernetes/controller-manager.conf",
                    "--leader-elect=true",
                    "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
                    "--root-ca-file=/etc/kubernetes/pki/ca.crt",
                    "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
                    "--service-cluster-ip-range=10.96.0.0/12",
                    "--use-service-account-credentials=true"),
                    "registry.k8s.io/kube-controller-manager:" + VERSION,
                    new Probes("127.0.0.1", 10257, "HTTPS", "/healthz", null, "/healthz"), "200m", null,
                    List.of(new HostPath("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate", true),
                            new HostPath("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate",
                                    true)));
            case "kube-scheduler" -> staticPod(component, null, List.of("kube-scheduler",
                    "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
                    "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
                    "--bind-address=127.0.0.1",
                    "--kubeconfig=/etc/kubernetes/scheduler.conf",
                    "--leader-elect=true"),
                    "registry.k8s.io/kube-scheduler:" + VERSION,
                    new Probes("127.0.0.1", 10259, "HTTPS", "/healthz", null, "/healthz"), "100m", null,
                    List.of(new HostPath("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate", true)));
            default -> throw new IllegalArgumentException("no static pod " + component);
        };
    }

    static boolean isMirror(KubeObject o) {
        return o.metadata().annotations().containsKey(MIRROR_ANNOTATION);
    }

    /**
     * Where a component's probes look (kubeadm's staticpodutil probes are HTTP GETs on one host, port and scheme).
     *
     * @param readiness the readiness path, or null for a component kubeadm gives no readiness probe
     */
    private record Probes(String host, int port, String scheme, String liveness, String readiness, String startup) {
    }

    /** A hostPath volume and its mount at the same path. */
    private record HostPath(String name, String path, String type, boolean readOnly) {
    }

    /**
     * A static pod as kubeadm's staticpodutil.ComponentPod builds it and writes it out: one container named after
     * the component, host network, system-node-critical priority, the runtime's default seccomp profile and
     * hostPath volumes (listed by name; mounted in the order given). Keys come out sorted, as kubeadm's marshalling
     * writes them.
     */
    private static String staticPod(String component, String annotation, List<String> command, String image,
            Probes probes, String cpu, String memory, List<HostPath> volumes) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n");
        if (annotation != null) {
            y.append("  annotations:\n    ").append(annotation).append('\n');
        }
        y.append("  labels:\n    component: ").append(component).append("\n    tier: control-plane\n");
        y.append("  name: ").append(component).append("\n  namespace: kube-system\nspec:\n  containers:\n");
        y.append("  - command:\n");
        for (String arg : command) {
            y.append("    - ").append(arg).append('\n');
        }
        y.append("    image: ").append(image).append("\n    imagePullPolicy: IfNotPresent\n");
        probe(y, "livenessProbe", 8, probes, probes.liveness(), 10, 10);
        y.append("    name: ").append(component).append('\n');
        if (probes.readiness() != null) {
            probe(y, "readinessProbe", 3, probes, probes.readiness(), 0, 1);
        }
        y.append("    resources:\n      requests:\n        cpu: ").append(cpu).append('\n');
        if (memory != null) {
            y.append("        memory: ").append(memory).append('\n');
        }
        probe(y, "startupProbe", 24, probes, probes.startup(), 10, 10);
        y.append("    volumeMounts:\n");
        for (HostPath v : volumes) {
            y.append("    - mountPath: ").append(v.path()).append("\n      name: ").append(v.name()).append('\n');
            if (v.readOnly()) {
                y.append("      readOnly: true\n");
            }
        }
        y.append("  hostNetwork: true\n  priority: 2000001000\n  priorityClassName: system-node-critical\n");
        y.append("  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  volumes:\n");
        for (HostPath v : volumes.stream().sorted(Comparator.comparing(HostPath::name)).toList()) {
            y.append("  - hostPath:\n      path: ").append(v.path()).append("\n      type: ").append(v.type())
                    .append("\n    name: ").append(v.name()).append('\n');
        }
        return y.toString();
    }

    /**
     * One of staticpodutil's probes: liveness (8 failures, after 10 s, every 10 s), readiness (3 failures, every
     * second) or startup (24 failures, after 10 s, every 10 s), each timing out after 15 s; a zero delay is left out.
     */
    private static void probe(StringBuilder y, String field, int failureThreshold, Probes probes, String path,
            int initialDelaySeconds, int periodSeconds) {
        y.append("    ").append(field).append(":\n      failureThreshold: ").append(failureThreshold).append('\n');
        y.append("      httpGet:\n        host: ").append(probes.host()).append("\n        path: ").append(path)
                .append("\n        port: ").append(probes.port()).append("\n        scheme: ").append(probes.scheme())
                .append('\n');
        if (initialDelaySeconds != 0) {
            y.append("      initialDelaySeconds: ").append(initialDelaySeconds).append('\n');
        }
        y.append("      periodSeconds: ").append(periodSeconds).append("\n      timeoutSeconds: 15\n");
    }
}
