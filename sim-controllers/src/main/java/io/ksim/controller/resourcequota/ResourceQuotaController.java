package io.ksim.controller.resourcequota;

import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.core.Service;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.QuotaUsage;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * kube-controller-manager's resource quota controller (upstream pkg/controller/resourcequota): it keeps every
 * ResourceQuota's {@code status} true: {@code status.hard} is the spec's, {@code status.used} what the objects
 * of the namespace use of each limit, by the same evaluators the ResourceQuota admission plugin charges with
 * ({@link QuotaUsage}).
 *
 * <p>A quota is synced when it is created, when its {@code spec.hard} changes (status-only updates are its own
 * or admission's and are ignored), and by the full recalculation of every quota every
 * {@link #RESYNC_PERIOD} ({@code --resource-quota-sync-period}, 5m). Between those, admission adds what it
 * admits, and the controller gives back what is freed: the quota monitors watch every namespaced resource but
 * Events and requeue the quotas of a namespace, when they limit that resource, after a delete, a pod turning
 * terminal (or stuck past its deletion grace period) and a Service changing between ClusterIP, NodePort and
 * LoadBalancer, as upstream's replenishment does. A sync writes the status only when it differs; upstream
 * records no Events for this.
 *
 * <pre>
 * quota compute {pods: 4, requests.cpu: 2}; pods a (500m) and b (250m) exist; the quota is created
 *   -> sync: status {hard: {pods: 4, requests.cpu: 2}, used: {pods: 2, requests.cpu: 750m}}
 * pod a is deleted -> replenishment -> used {pods: 1, requests.cpu: 250m}
 * </pre>
 *
 * <p>ksim keeps one work queue where upstream has a second, prioritised one for quotas whose status lacks usage.
 */
public final class ResourceQuotaController extends Controller {

    /** The controller's upstream name. */
    public static final String NAME = "resourcequota-controller";
    /** How often every quota is recalculated in full (kube-controller-manager's --resource-quota-sync-period). */
    public static final Duration RESYNC_PERIOD = Duration.ofMinutes(5);
    /** The queue key of the periodic full recalculation (no quota key starts with a space). */
    private static final String RESYNC_KEY = " resync";

    private final Informer<ResourceQuota> quotas;
    /** The quota monitors: one informer per quotable resource, in discovery order. */
    private final Map<ResourceType<?>, Informer<?>> monitors = new LinkedHashMap<>();

    public ResourceQuotaController(ControllerContext context) {
        super(context, NAME);
        quotas = informer(BuiltinResources.RESOURCE_QUOTAS);
        quotas.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ResourceQuota obj, boolean inInitialList) {
                enqueue(obj);
            }

            @Override
            public void onUpdate(ResourceQuota oldObj, ResourceQuota newObj) {
                if (!QuotaUsage.equal(oldObj.spec().hard(), newObj.spec().hard())) {
                    enqueue(newObj);
                }
            }

            @Override
            public void onDelete(ResourceQuota obj) {
                enqueue(obj);
            }
        });
        for (ResourceType<?> type : api.resources()) {
            if (quotable(type)) {
                monitor(type);
            }
        }
        enqueue(RESYNC_KEY);
    }

    /**
     * Namespaced resources but Events (upstream's default ignored resources): what a quota can count. The
     * quotas' own informer serves as the monitor of ResourceQuotas.
     */
    static boolean quotable(ResourceType<?> type) {
        return type.namespaced() && type != BuiltinResources.EVENTS;
    }

    private <T extends KubeObject> void monitor(ResourceType<T> type) {
        Informer<T> informer = type == BuiltinResources.RESOURCE_QUOTAS ? cast(quotas) : informer(type);
        monitors.put(type, informer);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (releases(oldObj, newObj)) {
                    replenish(type, newObj.metadata().namespace());
                }
            }

            @Override
            public void onDelete(T obj) {
                replenish(type, obj.metadata().namespace());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends KubeObject> Informer<T> cast(Informer<?> informer) {
        return (Informer<T>) informer;
    }

    /**
     * Whether an update frees quota (upstream's monitor UpdateFunc): a pod stops counting, a Service changes
     * type. Other updates are charged or freed by the next full recalculation.
     */
    private boolean releases(KubeObject oldObj, KubeObject newObj) {
        Instant now = kernel.instant();
        if (oldObj instanceof Pod oldPod && newObj instanceof Pod newPod) {
            return QuotaUsage.chargesCompute(oldPod, now) && !QuotaUsage.chargesCompute(newPod, now);
        }
        if (oldObj instanceof Service oldSvc && newObj instanceof Service newSvc) {
            return !QuotaUsage.quotaServiceType(oldSvc).equals(QuotaUsage.quotaServiceType(newSvc));
        }
        return false;
    }

    /** Requeues the quotas of {@code namespace} whose status limits something of {@code type} (replenishQuota). */
    private void replenish(ResourceType<?> type, String namespace) {
        for (ResourceQuota quota : quotas.indexer().byIndex(Indexer.NAMESPACE, namespace)) {
            if (!QuotaUsage.matching(type, quota.status().hard().keySet()).isEmpty()) {
                enqueue(quota);
            }
        }
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        if (RESYNC_KEY.equals(key)) {
            quotas.indexer().list().forEach(this::enqueue);
            return ReconcileResult.requeueAfter(RESYNC_PERIOD);
        }
        ResourceQuota quota = quotas.indexer().get(key);
        if (quota != null) {
            sync(quota);
        }
        return ReconcileResult.done();
    }

    /**
     * Upstream's syncResourceQuota: hard from the spec; used is the last status's, with every limit the
     * evaluators can count recalculated, and only the limited names kept. Written only when it changed.
     */
    private void sync(ResourceQuota quota) {
        SortedMap<String, Quantity> hard = quota.spec().hard();
        ResourceQuotaStatus old = quota.status();
        String namespace = quota.metadata().namespace();
        SortedMap<String, Quantity> used = new TreeMap<>(old.used());
        used.putAll(QuotaUsage.calculateUsage(quota, monitors.keySet(), type -> inNamespace(type, namespace),
                kernel.instant()));
        used = QuotaUsage.mask(used, hard.keySet());
        if (!QuotaUsage.equal(hard, old.hard()) || !QuotaUsage.equal(used, old.used())) {
            api.updateStatus(BuiltinResources.RESOURCE_QUOTAS, quota.withStatus(new ResourceQuotaStatus(hard, used)));
        }
    }

    private List<? extends KubeObject> inNamespace(ResourceType<?> type, String namespace) {
        Informer<?> informer = Objects.requireNonNull(monitors.get(type), type.groupResource().toString());
        return new ArrayList<>(informer.indexer().byIndex(Indexer.NAMESPACE, namespace));
    }
}
