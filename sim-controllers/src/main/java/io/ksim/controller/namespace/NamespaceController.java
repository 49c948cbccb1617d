package io.ksim.controller.namespace;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.Namespace.NamespaceSpec;
import io.ksim.api.core.Namespace.NamespaceStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The namespace controller (upstream pkg/controller/namespace, deletion/namespaced_resources_deleter.go): a
 * namespace with a deletionTimestamp is Terminating; each sync deletes every namespaced object in it
 * (background propagation, every resource kind the API server serves), then counts what is left. While
 * something is left the namespace's conditions say what ({@code NamespaceContentRemaining},
 * {@code NamespaceFinalizersRemaining}) and the sync comes back after half the estimated time plus a
 * second: the longest grace period of a running pod, or 15 s when only finalizers hold objects back. Once
 * the namespace is empty the {@code kubernetes} finalizer is removed from its spec and the API server
 * deletes it.
 */
public final class NamespaceController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "namespace-controller";
    /** Upstream finalizerEstimateSeconds: how long objects held by finalizers are given. */
    static final long FINALIZER_ESTIMATE_SECONDS = 15;
    /** Upstream's default when a pod names no grace period. */
    private static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private final Informer<Namespace> namespaces;

    public NamespaceController(ControllerContext context) {
        super(context, NAME);
        this.namespaces = informer(BuiltinResources.NAMESPACES);
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns, boolean initial) {
                enqueue(ns.metadata().name());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace ns) {
                enqueue(ns.metadata().name());
            }
        });
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        Namespace ns;
        try {
            ns = api.get(BuiltinResources.NAMESPACES, null, key);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return ReconcileResult.done();
            }
            throw e;
        }
        if (ns.metadata().deletionTimestamp() == null) {
            return ReconcileResult.done();
        }
        if (!NamespaceStatus.TERMINATING.equals(ns.status().phase())) {
            ns = api.updateStatus(BuiltinResources.NAMESPACES,
                    ns.withStatus(ns.status().withPhase(NamespaceStatus.TERMINATING)));
        }
        if (!ns.spec().finalizers().contains(NamespaceSpec.FINALIZER_KUBERNETES)) {
            return ReconcileResult.done();
        }
        long estimate = deleteAllContent(ns);
        if (estimate > 0) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(estimate / 2 + 1));
        }
        finalizeNamespace(key);
        return ReconcileResult.done();
    }

    /** Deletes the content and records the conditions; returns seconds to wait, 0 when the namespace is empty. */
    private long deleteAllContent(Namespace ns) {
        String name = ns.metadata().name();
        long estimate = 0;
        SortedMap<String, Integer> remaining = new TreeMap<>();
        SortedMap<String, Integer> finalizers = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        ApiException firstError = null;
        List<ResourceType<?>> types = new ArrayList<>(api.resources());
        types.sort(Comparator.comparing(t -> t.resource() + "." + t.group()));
        for (ResourceType<?> type : types) {
            if (!type.namespaced()) {
                continue;
            }
            long typeEstimate = type == BuiltinResources.PODS ? podGraceEstimate(name) : 0;
            try {
                api.deleteCollection(type, name, ListOptions.everything(),
                        DeleteOptions.propagation(DeleteOptions.BACKGROUND));
            } catch (ApiException e) {
                errors.add(e.getMessage());
                firstError = firstError == null ? e : firstError;
            }
            List<? extends KubeObject> left = api.list(type, name).items();
            if (!left.isEmpty()) {
                // Only what is left counts: the estimate of a kind whose objects are all gone is moot.
                remaining.put(type.resource() + "." + type.group(), left.size());
                boolean held = false;
                for (KubeObject o : left) {
                    for (String f : o.metadata().finalizers()) {
                        finalizers.merge(f, 1, Integer::sum);
                        held = true;
                    }
                }
                if (typeEstimate == 0 && held) {
                    typeEstimate = FINALIZER_ESTIMATE_SECONDS;
                }
                estimate = Math.max(estimate, typeEstimate);
            }
        }
        var failing = NamespaceConditions.failing(remaining, finalizers, errors, kernel.instant());
        var merged = NamespaceConditions.merge(ns.status().conditions(), failing, kernel.instant());
        if (!merged.equals(ns.status().conditions())) {
            Namespace fresh = api.get(BuiltinResources.NAMESPACES, null, name);
            api.updateStatus(BuiltinResources.NAMESPACES,
                    fresh.withStatus(new NamespaceStatus(fresh.status().phase(), merged)));
        }
        if (firstError != null) {
            // Retried with the queue's rate limiter; the condition already says what failed.
            throw firstError;
        }
        if (!remaining.isEmpty() && estimate == 0) {
            // Objects going away without a grace period or finalizer: look again shortly.
            estimate = 1;
        }
        return estimate;
    }

    /** Upstream estimateGracefulTermination: the longest grace period of a pod that has not finished. */
    private long podGraceEstimate(String namespace) {
        long estimate = 0;
        for (Pod pod : api.list(BuiltinResources.PODS, namespace).items()) {
            if (PodPhase.isTerminal(pod.status().phase())) {
                continue;
            }
            Long grace = pod.spec().terminationGracePeriodSeconds();
            if (pod.metadata().deletionGracePeriodSeconds() != null) {
                grace = pod.metadata().deletionGracePeriodSeconds();
            }
            estimate = Math.max(estimate, grace == null ? DEFAULT_POD_GRACE_SECONDS : grace);
        }
        return estimate;
    }

    /** Removes the {@code kubernetes} finalizer; with no finalizer left the API server removes the namespace. */
    private void finalizeNamespace(String name) {
        Namespace fresh = api.get(BuiltinResources.NAMESPACES, null, name);
        List<String> finalizers = new ArrayList<>(fresh.spec().finalizers());
        if (finalizers.remove(NamespaceSpec.FINALIZER_KUBERNETES)) {
            api.update(BuiltinResources.NAMESPACES, fresh.withSpec(new NamespaceSpec(finalizers)));
        }
    }
}
