package io.ksim.controller.serviceaccount;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Namespace;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.NamespaceLifecycle;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.client.WorkQueue;
import io.ksim.kernel.Kernel;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * kube-controller-manager's root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher/
 * publisher.go): every namespace holds a ConfigMap {@value #CONFIG_MAP_NAME} whose {@code ca.crt} is the cluster's
 * root CA bundle, annotated {@code kubernetes.io/description}. Pods read it through the projected service account
 * volume. A namespace is synced when it is added, when it changes while Active, and when its ConfigMap is updated
 * or deleted; a ConfigMap whose data or description annotation drifted is put back. A create refused because the
 * namespace is gone or terminating is not retried.
 */
public final class RootCACertPublisher {

    public static final String COMPONENT = ServiceAccountsController.COMPONENT;
    public static final String QUEUE_NAME = "root_ca_cert_publisher";
    public static final String CONFIG_MAP_NAME = "kube-root-ca.crt";
    public static final String CA_KEY = "ca.crt";
    public static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
    public static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver "
            + "when using internal endpoints such as the internal service IP or kubernetes.default.svc. "
            + "No other usage is guaranteed across distributions of Kubernetes clusters.";

    private final Kernel kernel;
    private final ApiServer api;
    private final String rootCA;
    private final Informer<ConfigMap> configMaps;
    private final Informer<Namespace> namespaces;
    private final WorkQueue<String> queue;

    /** A publisher of the cluster's fake root CA ({@link FakeRootCA#pem(Kernel)}). */
    public RootCACertPublisher(Kernel kernel, ApiServer api) {
        this(kernel, api, FakeRootCA.pem(kernel));
    }

    public RootCACertPublisher(Kernel kernel, ApiServer api, String rootCA) {
        this.kernel = kernel;
        this.api = api;
        this.rootCA = rootCA;
        this.configMaps = Informer.builder(kernel, api, BuiltinResources.CONFIG_MAPS).component(COMPONENT).build();
        this.namespaces = Informer.builder(kernel, api, BuiltinResources.NAMESPACES).component(COMPONENT).build();
        this.queue = WorkQueue.withDefaultRateLimiter(kernel, QUEUE_NAME);
        new NamespaceWorker(kernel, COMPONENT, queue, this::syncNamespace);
        configMaps.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
                enqueueIfOurs(newCm);
            }

            @Override
            public void onDelete(ConfigMap cm) {
                enqueueIfOurs(cm);
            }
        });
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns, boolean inInitialList) {
                queue.add(ns.metadata().name());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                if (Namespace.NamespaceStatus.ACTIVE.equals(newNs.status().phase())) {
                    queue.add(newNs.metadata().name());
                }
            }
        });
    }

    /** The bundle this publisher writes. */
    public String rootCA() {
        return rootCA;
    }

    /** Starts the informers (ConfigMaps first: the sync reads their cache). */
    public void start() {
        configMaps.start();
        namespaces.start();
    }

    public void stop() {
        configMaps.stop();
        namespaces.stop();
        queue.shutDown();
    }

    private void enqueueIfOurs(ConfigMap cm) {
        if (CONFIG_MAP_NAME.equals(cm.metadata().name())) {
            queue.add(cm.metadata().namespace());
        }
    }

    /** Creates or repairs the namespace's ConfigMap; false if the ConfigMap cache is not yet synced. */
    boolean syncNamespace(String ns) {
        if (!configMaps.hasSynced()) {
            return false;
        }
        SortedMap<String, String> data = ImmutableSortedMap.of(CA_KEY, rootCA);
        ConfigMap cm = configMaps.indexer().get(ns, CONFIG_MAP_NAME);
        if (cm == null) {
            ConfigMap fresh = new ConfigMap(null, null, ObjectMeta.builder().namespace(ns).name(CONFIG_MAP_NAME)
                    .annotations(Map.of(DESCRIPTION_ANNOTATION, DESCRIPTION)).build(), null, data, null);
            try {
                api.create(BuiltinResources.CONFIG_MAPS, ns, fresh);
                kernel.trace().record(COMPONENT, "PublishedRootCA", ns + "/" + CONFIG_MAP_NAME,
                        "configmap " + ns + "/" + CONFIG_MAP_NAME + " created");
            } catch (ApiException e) {
                if (e.code() != 404 && !e.hasCause(NamespaceLifecycle.NAMESPACE_TERMINATING_CAUSE)) {
                    throw e;
                }
            }
            return true;
        }
        String description = cm.metadata().annotations().get(DESCRIPTION_ANNOTATION);
        if (cm.data().equals(data) && description != null && !description.isEmpty()) {
            return true;
        }
        TreeMap<String, String> annotations = new TreeMap<>(cm.metadata().annotations());
        annotations.put(DESCRIPTION_ANNOTATION, DESCRIPTION);
        api.update(BuiltinResources.CONFIG_MAPS, cm.withMetadata(cm.metadata().withAnnotations(annotations))
                .withData(data));
        kernel.trace().record(COMPONENT, "PublishedRootCA", ns + "/" + CONFIG_MAP_NAME,
                "configmap " + ns + "/" + CONFIG_MAP_NAME + " updated");
        return true;
    }
}
