package io.ksim.cluster;

import io.ksim.api.core.ServiceAccount;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;

/**
 * The workloads kubeadm (and so kind) puts into kube-system next to the network objects of
 * {@code KubeSystemNetwork}: the {@code kube-proxy} DaemonSet and the {@code coredns} Deployment, as
 * cmd/kubeadm/app/phases/addons/proxy/manifests.go and addons/dns/manifests.go write them (v1.32), with their
 * ServiceAccounts (the two system PriorityClasses they name exist from the API server's start).
 */
public final class KubeSystemAddons {

    public static final String NAMESPACE = "kube-system";
    public static final String KUBE_PROXY_IMAGE = "registry.k8s.io/kube-proxy:v1.32.0";
    public static final String COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.3";

    /**
     * Catalog lines for the add-on images; sizes are roughly the compressed linux/amd64 image sizes
     * (kube-proxy v1.32.0 about 30 MB, coredns v1.11.3 about 18 MB), so pulls take a few seconds.
     */
    public static final List<String> IMAGES = List.of(
            KUBE_PROXY_IMAGE + " size=30Mi start=500ms",
            COREDNS_IMAGE + " size=18Mi start=500ms ready=1s");

    /** kubeadm's kube-proxy DaemonSet: every node, host network, tolerates every taint. */
    public static final String KUBE_PROXY_DAEMON_SET = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: kube-proxy
              namespace: kube-system
              labels:
                k8s-app: kube-proxy
            spec:
              selector:
                matchLabels:
                  k8s-app: kube-proxy
              updateStrategy:
                type: RollingUpdate
              template:
                metadata:
                  labels:
                    k8s-app: kube-proxy
                spec:
                  priorityClassName: system-node-critical
                  serviceAccountName: kube-proxy
                  hostNetwork: true
                  nodeSelector:
                    kubernetes.io/os: linux
                  tolerations:
                  - operator: Exists
                  containers:
                  - name: kube-proxy
                    image: registry.k8s.io/kube-proxy:v1.32.0
                    imagePullPolicy: IfNotPresent
                    command:
                    - /usr/local/bin/kube-proxy
                    - --config=/var/lib/kube-proxy/config.conf
                    - --hostname-override=$(NODE_NAME)
                    env:
                    - name: NODE_NAME
                      valueFrom:
                        fieldRef:
                          fieldPath: spec.nodeName
                    securityContext:
                      privileged: true
                    volumeMounts:
                    - name: kube-proxy
                      mountPath: /var/lib/kube-proxy
                    - name: xtables-lock
                      mountPath: /run/xtables.lock
                    - name: lib-modules
                      mountPath: /lib/modules
                      readOnly: true
                  volumes:
                  - name: kube-proxy
                    configMap:
                      name: kube-proxy
                  - name: xtables-lock
                    hostPath:
                      path: /run/xtables.lock
                      type: FileOrCreate
                  - name: lib-modules
                    hostPath:
                      path: /lib/modules
            """;

    /**
     * kubeadm's CoreDNS Deployment of v1.32: two replicas behind the kube-dns Service (k8s-app=kube-dns),
     * spread over nodes by a preferred anti-affinity, probed on 8080 (/health) and 8181 (/ready). Its template
     * is v1.32's to the byte, so its ReplicaSet is {@code coredns-668d6bf9bc} as on a real v1.32 cluster
     * (kubeadm releases after 1.32 name the probe ports, which changes the hash).
     */
    public static final String COREDNS_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: coredns
              namespace: kube-system
              labels:
                k8s-app: kube-dns
            spec:
              replicas: 2
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxUnavailable: 1
              selector:
                matchLabels:
                  k8s-app: kube-dns
              template:
                metadata:
                  labels:
                    k8s-app: kube-dns
                spec:
                  priorityClassName: system-cluster-critical
                  serviceAccountName: coredns
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          labelSelector:
                            matchExpressions:
                            - key: k8s-app
                              operator: In
                              values: ["kube-dns"]
                          topologyKey: kubernetes.io/hostname
                  tolerations:
                  - key: CriticalAddonsOnly
                    operator: Exists
                  - key: node-role.kubernetes.io/control-plane
                    effect: NoSchedule
                  nodeSelector:
                    kubernetes.io/os: linux
                  containers:
                  - name: coredns
                    image: registry.k8s.io/coredns/coredns:v1.11.3
                    imagePullPolicy: IfNotPresent
                    resources:
                      limits:
                        memory: 170Mi
                      requests:
                        cpu: 100m
                        memory: 70Mi
                    args: ["-conf", "/etc/coredns/Corefile"]
                    volumeMounts:
                    - name: config-volume
                      mountPath: /etc/coredns
                      readOnly: true
                    ports:
                    - containerPort: 53
                      name: dns
                      protocol: UDP
                    - containerPort: 53
                      name: dns-tcp
                      protocol: TCP
                    - containerPort: 9153
                      name: metrics
                      protocol: TCP
                    livenessProbe:
                      httpGet:
                        path: /health
                        port: 8080
                        scheme: HTTP
                      initialDelaySeconds: 60
                      timeoutSeconds: 5
                      successThreshold: 1
                      failureThreshold: 5
                    readinessProbe:
                      httpGet:
                        path: /ready
                        port: 8181
                        scheme: HTTP
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities:
                        add:
                        - NET_BIND_SERVICE
                        drop:
                        - ALL
                      readOnlyRootFilesystem: true
                  dnsPolicy: Default
                  volumes:
                  - name: config-volume
                    configMap:
                      name: coredns
                      items:
                      - key: Corefile
                        path: Corefile
            """;

    private KubeSystemAddons() {
    }

    /**
     * Creates the ServiceAccounts {@code kube-proxy} and {@code coredns} in kube-system (the {@code default} ones are
     * kube-controller-manager's service-account controller's work), then the kube-proxy DaemonSet and the
     * coredns Deployment.
     */
    public static void install(Cluster cluster) {
        ApiServer api = cluster.api();
        ensureServiceAccount(api, NAMESPACE, "kube-proxy");
        ensureServiceAccount(api, NAMESPACE, "coredns");
        cluster.create(KUBE_PROXY_DAEMON_SET);
        cluster.create(COREDNS_DEPLOYMENT);
    }

    private static void ensureServiceAccount(ApiServer api, String namespace, String name) {
        try {
            api.get(BuiltinResources.SERVICE_ACCOUNTS, namespace, name);
        } catch (ApiException notFound) {
            rethrowUnlessNotFound(notFound);
            api.create(BuiltinResources.SERVICE_ACCOUNTS, namespace, ServiceAccount.of(namespace, name));
        }
    }

    private static void rethrowUnlessNotFound(ApiException e) {
        if (e.code() != 404) {
            throw e;
        }
    }
}
