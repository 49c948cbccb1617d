package io.ksim.controller.serviceaccount;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.ServiceAccount;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.NamespaceLifecycle;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.client.WorkQueue;
import io.ksim.kernel.Kernel;
import java.util.List;

/**
 * kube-controller-manager's service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every Active namespace gets the ServiceAccounts it must have, by default only {@code default}, and gets it again
 * when it is deleted. A namespace is synced when it appears or changes and when one of its service accounts is
 * deleted. A namespace that is not Active is skipped; accounts are never updated or deleted. Creating one that
 * already exists, or one in a namespace that started terminating meanwhile, is not an error.
 *
 * <p>Runs as the "kube-controller-manager" component; its queue is named "serviceaccount", as upstream's.
 */
public final class ServiceAccountsController {

    public static final String COMPONENT = "kube-controller-manager";
    public static final String QUEUE_NAME = "serviceaccount";

    private final Kernel kernel;
    private final ApiServer api;
    private final List<String> toEnsure;
    private final Informer<Namespace> namespaces;
    private final Informer<ServiceAccount> serviceAccounts;
    private final WorkQueue<String> queue;

    /** The controller with upstream's default options: only the {@code default} account. */
    public ServiceAccountsController(Kernel kernel, ApiServer api) {
        this(kernel, api, List.of(ServiceAccount.DEFAULT_NAME));
    }

    public ServiceAccountsController(Kernel kernel, ApiServer api, List<String> serviceAccountsToEnsure) {
        this.kernel = kernel;
        this.api = api;
        this.toEnsure = List.copyOf(serviceAccountsToEnsure);
        this.serviceAccounts = Informer.builder(kernel, api, BuiltinResources.SERVICE_ACCOUNTS).component(COMPONENT)
                .build();
        this.namespaces = Informer.builder(kernel, api, BuiltinResources.NAMESPACES).component(COMPONENT).build();
        this.queue = WorkQueue.withDefaultRateLimiter(kernel, QUEUE_NAME);
        new NamespaceWorker(kernel, COMPONENT, queue, this::syncNamespace);
        serviceAccounts.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(ServiceAccount sa) {
                queue.add(sa.metadata().namespace());
            }
        });
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns, boolean inInitialList) {
                queue.add(ns.metadata().name());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                queue.add(newNs.metadata().name());
            }
        });
    }

    /** Starts the informers (service accounts first, so that their cache is filled before namespaces sync). */
    public void start() {
        serviceAccounts.start();
        namespaces.start();
    }

    /** Stops watching; a new controller models a restart. */
    public void stop() {
        serviceAccounts.stop();
        namespaces.stop();
        queue.shutDown();
    }

    /** Creates the missing accounts of one namespace; false if the caches are not yet synced. */
    boolean syncNamespace(String name) {
        if (!serviceAccounts.hasSynced() || !namespaces.hasSynced()) {
            return false;
        }
        Namespace ns = namespaces.indexer().get(name);
        if (ns == null || !Namespace.NamespaceStatus.ACTIVE.equals(ns.status().phase())) {
            return true;
        }
        for (String sa : toEnsure) {
            if (serviceAccounts.indexer().get(name, sa) != null) {
                continue;
            }
            try {
                api.create(BuiltinResources.SERVICE_ACCOUNTS, name, ServiceAccount.of(name, sa));
                kernel.trace().record(COMPONENT, "CreatedServiceAccount", name + "/" + sa,
                        "serviceaccount " + name + "/" + sa + " created");
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())
                        && !e.hasCause(NamespaceLifecycle.NAMESPACE_TERMINATING_CAUSE)) {
                    throw e;
                }
            }
        }
        return true;
    }
}
