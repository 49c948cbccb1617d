package io.ksim.apiserver.registry;

import io.ksim.api.core.Namespace;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.auth.BootstrapPolicy;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;

/**
 * An API server set up as a fresh kubeadm cluster's: every built-in resource served, the admission chain
 * ksim models (in kube-apiserver's order: NamespaceLifecycle, LimitRanger, ServiceAccount, Priority,
 * DefaultTolerationSeconds, DefaultStorageClass, StorageObjectInUseProtection, ResourceQuota), and the
 * namespaces every cluster starts with. The namespaces' default
 * ServiceAccounts are kube-controller-manager's to create, as on a real cluster: until they exist, pods are refused.
 * The default RBAC policy ({@link BootstrapPolicy}) is created after the namespaces.
 */
public final class KubeApiServer {

    /** The namespaces a new cluster has, in the order kube-apiserver creates them. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private KubeApiServer() {
    }

    public static ApiServer start(Kernel kernel, MvccStore etcd) {
        ApiServer api = new ApiServer(kernel, etcd);
        BuiltinResources.registerAll(api);
        api.serveEviction(PodEviction::evict);
        api.addAdmissionPlugin(new NamespaceLifecycle(api));
        api.addAdmissionPlugin(new LimitRanger(api));
        api.addAdmissionPlugin(new ServiceAccountAdmission(api));
        api.addAdmissionPlugin(new PriorityAdmission(api));
        api.addAdmissionPlugin(new DefaultTolerationSeconds());
        api.addAdmissionPlugin(new DefaultStorageClass(api));
        api.addAdmissionPlugin(new StorageObjectInUseProtection());
        api.addAdmissionPlugin(new ResourceQuotaAdmission(api));
        for (String ns : SYSTEM_NAMESPACES) {
            api.create(BuiltinResources.NAMESPACES, null, Namespace.of(ns));
        }
        BootstrapPolicy.v132().createIn(api);
        PriorityAdmission.createSystemPriorityClasses(api);
        return api;
    }
}
