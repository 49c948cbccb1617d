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
            case "etcd" -> ETCD.formatted(ip, ip, ip, node, ip, ip, ip, node, ETCD_IMAGE);
            case "kube-apiserver" -> APISERVER.formatted(ip, ip, VERSION, ip, ip, ip);
            case "kube-controller-manager" -> CONTROLLER_MANAGER.formatted(VERSION);
            case "kube-scheduler" -> SCHEDULER.formatted(VERSION);
            default -> throw new IllegalArgumentException("no static pod " + component);
        };
    }

    static boolean isMirror(KubeObject o) {
        return o.metadata().annotations().containsKey(MIRROR_ANNOTATION);
    }

    private static final String ETCD = """
            apiVersion: v1
            kind: Pod
            metadata:
              annotations:
                kubeadm.kubernetes.io/etcd.advertise-client-urls: https://%s:2379
              labels:
                component: etcd
                tier: control-plane
              name: etcd
              namespace: kube-system
            spec:
              containers:
              - command:
                - etcd
                - --advertise-client-urls=https://%1$s:2379
                - --cert-file=/etc/kubernetes/pki/etcd/server.crt
                - --client-cert-auth=true
                - --data-dir=/var/lib/etcd
                - --experimental-initial-corrupt-check=true
                - --experimental-watch-progress-notify-interval=5s
                - --initial-advertise-peer-urls=https://%1$s:2380
                - --initial-cluster=%4$s=https://%1$s:2380
                - --key-file=/etc/kubernetes/pki/etcd/server.key
                - --listen-client-urls=https://127.0.0.1:2379,https://%1$s:2379
                - --listen-metrics-urls=http://127.0.0.1:2381
                - --listen-peer-urls=https://%1$s:2380
                - --name=%4$s
                - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
                - --peer-client-cert-auth=true
                - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
                - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
                - --snapshot-count=10000
                - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
                image: %9$s
                imagePullPolicy: IfNotPresent
                livenessProbe:
                  failureThreshold: 8
                  httpGet:
                    host: 127.0.0.1
                    path: /livez
                    port: 2381
                    scheme: HTTP
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                name: etcd
                readinessProbe:
                  failureThreshold: 3
                  httpGet:
                    host: 127.0.0.1
                    path: /readyz
                    port: 2381
                    scheme: HTTP
                  periodSeconds: 1
                  timeoutSeconds: 15
                resources:
                  requests:
                    cpu: 100m
                    memory: 100Mi
                startupProbe:
                  failureThreshold: 24
                  httpGet:
                    host: 127.0.0.1
                    path: /readyz
                    port: 2381
                    scheme: HTTP
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                volumeMounts:
                - mountPath: /var/lib/etcd
                  name: etcd-data
                - mountPath: /etc/kubernetes/pki/etcd
                  name: etcd-certs
              hostNetwork: true
              priority: 2000001000
              priorityClassName: system-node-critical
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
              volumes:
              - hostPath:
                  path: /etc/kubernetes/pki/etcd
                  type: DirectoryOrCreate
                name: etcd-certs
              - hostPath:
                  path: /var/lib/etcd
                  type: DirectoryOrCreate
                name: etcd-data
            """;

    private static final String APISERVER = """
            apiVersion: v1
            kind: Pod
            metadata:
              annotations:
                kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: %s:6443
              labels:
                component: kube-apiserver
                tier: control-plane
              name: kube-apiserver
              namespace: kube-system
            spec:
              containers:
              - command:
                - kube-apiserver
                - --advertise-address=%1$s
                - --allow-privileged=true
                - --authorization-mode=Node,RBAC
                - --client-ca-file=/etc/kubernetes/pki/ca.crt
                - --enable-admission-plugins=NodeRestriction
                - --enable-bootstrap-token-auth=true
                - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
                - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
                - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
                - --etcd-servers=https://127.0.0.1:2379
                - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
                - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
                - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
                - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
                - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
                - --requestheader-allowed-names=front-proxy-client
                - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
                - --requestheader-extra-headers-prefix=X-Remote-Extra-
                - --requestheader-group-headers=X-Remote-Group
                - --requestheader-username-headers=X-Remote-User
                - --secure-port=6443
                - --service-account-issuer=https://kubernetes.default.svc.cluster.local
                - --service-account-key-file=/etc/kubernetes/pki/sa.pub
                - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
                - --service-cluster-ip-range=10.96.0.0/12
                - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
                - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
                image: registry.k8s.io/kube-apiserver:%3$s
                imagePullPolicy: IfNotPresent
                livenessProbe:
                  failureThreshold: 8
                  httpGet:
                    host: %1$s
                    path: /livez
                    port: 6443
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                name: kube-apiserver
                readinessProbe:
                  failureThreshold: 3
                  httpGet:
                    host: %1$s
                    path: /readyz
                    port: 6443
                    scheme: HTTPS
                  periodSeconds: 1
                  timeoutSeconds: 15
                resources:
                  requests:
                    cpu: 250m
                startupProbe:
                  failureThreshold: 24
                  httpGet:
                    host: %1$s
                    path: /livez
                    port: 6443
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                volumeMounts:
                - mountPath: /etc/ssl/certs
                  name: ca-certs
                  readOnly: true
                - mountPath: /etc/kubernetes/pki
                  name: k8s-certs
                  readOnly: true
              hostNetwork: true
              priority: 2000001000
              priorityClassName: system-node-critical
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
              volumes:
              - hostPath:
                  path: /etc/ssl/certs
                  type: DirectoryOrCreate
                name: ca-certs
              - hostPath:
                  path: /etc/kubernetes/pki
                  type: DirectoryOrCreate
                name: k8s-certs
            """;

    private static final String CONTROLLER_MANAGER = """
            apiVersion: v1
            kind: Pod
            metadata:
              labels:
                component: kube-controller-manager
                tier: control-plane
              name: kube-controller-manager
              namespace: kube-system
            spec:
              containers:
              - command:
                - kube-controller-manager
                - --allocate-node-cidrs=true
                - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
                - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
                - --bind-address=127.0.0.1
                - --client-ca-file=/etc/kubernetes/pki/ca.crt
                - --cluster-cidr=10.244.0.0/16
                - --cluster-name=kubernetes
                - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
                - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
                - --controllers=*,bootstrapsigner,tokencleaner
                - --kubeconfig=/etc/kubernetes/controller-manager.conf
                - --leader-elect=true
                - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
                - --root-ca-file=/etc/kubernetes/pki/ca.crt
                - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
                - --service-cluster-ip-range=10.96.0.0/12
                - --use-service-account-credentials=true
                image: registry.k8s.io/kube-controller-manager:%s
                imagePullPolicy: IfNotPresent
                livenessProbe:
                  failureThreshold: 8
                  httpGet:
                    host: 127.0.0.1
                    path: /healthz
                    port: 10257
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                name: kube-controller-manager
                resources:
                  requests:
                    cpu: 200m
                startupProbe:
                  failureThreshold: 24
                  httpGet:
                    host: 127.0.0.1
                    path: /healthz
                    port: 10257
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                volumeMounts:
                - mountPath: /etc/kubernetes/pki
                  name: k8s-certs
                  readOnly: true
                - mountPath: /etc/kubernetes/controller-manager.conf
                  name: kubeconfig
                  readOnly: true
              hostNetwork: true
              priority: 2000001000
              priorityClassName: system-node-critical
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
              volumes:
              - hostPath:
                  path: /etc/kubernetes/pki
                  type: DirectoryOrCreate
                name: k8s-certs
              - hostPath:
                  path: /etc/kubernetes/controller-manager.conf
                  type: FileOrCreate
                name: kubeconfig
            """;

    private static final String SCHEDULER = """
            apiVersion: v1
            kind: Pod
            metadata:
              labels:
                component: kube-scheduler
                tier: control-plane
              name: kube-scheduler
              namespace: kube-system
            spec:
              containers:
              - command:
                - kube-scheduler
                - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
                - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
                - --bind-address=127.0.0.1
                - --kubeconfig=/etc/kubernetes/scheduler.conf
                - --leader-elect=true
                image: registry.k8s.io/kube-scheduler:%s
                imagePullPolicy: IfNotPresent
                livenessProbe:
                  failureThreshold: 8
                  httpGet:
                    host: 127.0.0.1
                    path: /healthz
                    port: 10259
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                name: kube-scheduler
                resources:
                  requests:
                    cpu: 100m
                startupProbe:
                  failureThreshold: 24
                  httpGet:
                    host: 127.0.0.1
                    path: /healthz
                    port: 10259
                    scheme: HTTPS
                  initialDelaySeconds: 10
                  periodSeconds: 10
                  timeoutSeconds: 15
                volumeMounts:
                - mountPath: /etc/kubernetes/scheduler.conf
                  name: kubeconfig
                  readOnly: true
              hostNetwork: true
              priority: 2000001000
              priorityClassName: system-node-critical
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
              volumes:
              - hostPath:
                  path: /etc/kubernetes/scheduler.conf
                  type: FileOrCreate
                name: kubeconfig
            """;
}
