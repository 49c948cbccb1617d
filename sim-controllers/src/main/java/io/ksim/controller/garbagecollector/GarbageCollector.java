package io.ksim.controller.garbagecollector;

import io.ksim.api.core.Event;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.ResourceType;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import io.ksim.controller.garbagecollector.OwnerGraph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector (upstream pkg/controller/garbagecollector): it watches every resource kind, keeps
 * the ownership graph of {@link OwnerGraph}, and acts on three kinds of work:
 * <ul>
 * <li><b>attempt to delete</b> a dependent: its owners are looked up live; an owner that is absent, or whose
 * UID differs (a dangling reference), no longer holds it; an owner being deleted in the foreground waits
 * for it. With at least one live owner left, only the dangling and waiting references are removed;
 * otherwise the dependent is deleted: in the foreground if an owner waits for it and it has dependents of
 * its own, else by its own orphan/foregroundDeletion finalizer, else in the background;</li>
 * <li><b>foreground</b> deletion of an owner (its {@code foregroundDeletion} finalizer): its dependents are
 * deleted, and the finalizer goes once no dependent with {@code blockOwnerDeletion: true} remains;</li>
 * <li><b>orphan</b> deletion of an owner (its {@code orphan} finalizer): the owner's reference is removed
 * from every dependent, then the finalizer goes and the owner with it.</li>
 * </ul>
 * Keys on the queue are {@code delete/<uid>} and {@code orphan/<uid>}. Events are not watched: nothing in
 * ksim makes an Event a dependent.
 */
public final class GarbageCollector extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "garbage-collector-controller";

    private static final String DELETE = "delete/";
    private static final String ORPHAN = "orphan/";

    private final OwnerGraph graph = new OwnerGraph();
    private final OwnerLookup lookup;

    public GarbageCollector(ControllerContext context) {
        super(context, NAME);
        this.lookup = new OwnerLookup(api);
        for (ResourceType<?> type : api.resources()) {
            if (type.type() != Event.class) {
                monitor(type);
            }
        }
    }

    private <T extends KubeObject> void monitor(ResourceType<T> type) {
        Informer<T> informer = informer(type);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj, boolean initial) {
                observed(type, obj);
            }

            @Override
            public void onUpdate(T oldObj, T obj) {
                observed(type, obj);
            }

            @Override
            public void onDelete(T obj) {
                gone(obj);
            }
        });
    }

    // ---- graph changes (upstream processGraphChanges) --------------------------------------------------

    private void observed(ResourceType<?> type, KubeObject obj) {
        Node old = graph.node(obj.metadata().uid());
        Node node = Node.of(type, obj);
        List<String> unknownOwners = graph.put(node);
        if (!unknownOwners.isEmpty()) {
            // An owner no informer has shown (yet): look it up live; it may be long gone.
            enqueue(DELETE + node.uid());
        }
        if (old != null && !old.owners().equals(node.owners())) {
            // A removed reference may have been the one an owner in the foreground was waiting for.
            for (OwnerReference ref : old.owners()) {
                Node owner = graph.node(ref.uid());
                if (owner != null && owner.deletingDependents()) {
                    enqueue(DELETE + owner.uid());
                }
            }
        }
        if (node.orphaning()) {
            enqueue(ORPHAN + node.uid());
        }
        if (node.deletingDependents()) {
            enqueue(DELETE + node.uid());
            graph.dependents(node.uid()).forEach(d -> enqueue(DELETE + d));
        }
    }

    private void gone(KubeObject obj) {
        String uid = obj.metadata().uid();
        List<String> dependents = graph.dependents(uid);
        List<String> owners = graph.owners(uid);
        graph.remove(uid);
        dependents.forEach(d -> enqueue(DELETE + d));
        for (String owner : owners) {
            Node n = graph.node(owner);
            if (n != null && n.deletingDependents()) {
                enqueue(DELETE + owner);
            }
        }
    }

    // ---- work ------------------------------------------------------------------------------------------

    @Override
    protected ReconcileResult reconcile(String key) {
        if (key.startsWith(ORPHAN)) {
            orphanDependents(key.substring(ORPHAN.length()));
        } else {
            attemptToDelete(key.substring(DELETE.length()));
        }
        return ReconcileResult.done();
    }

    /** Upstream attemptToDeleteItem. */
    private void attemptToDelete(String uid) {
        Node node = graph.node(uid);
        if (node == null) {
            return;
        }
        KubeObject live = lookup.get(node.type(), node.namespace(), node.name());
        if (live == null || !uid.equals(live.metadata().uid())) {
            return;
        }
        Node fresh = Node.of(node.type(), live);
        if (fresh.beingDeleted() && !fresh.deletingDependents()) {
            return;
        }
        if (fresh.deletingDependents()) {
            processDeletingDependents(fresh, live);
            return;
        }
        if (fresh.owners().isEmpty()) {
            return;
        }
        List<OwnerReference> solid = new ArrayList<>();
        List<OwnerReference> dangling = new ArrayList<>();
        List<OwnerReference> waiting = new ArrayList<>();
        for (OwnerReference ref : fresh.owners()) {
            KubeObject owner = lookup.owner(ref, fresh.namespace());
            if (owner == null || !ref.uid().equals(owner.metadata().uid())) {
                dangling.add(ref);
            } else if (owner.metadata().isBeingDeleted()
                    && owner.metadata().finalizers().contains(Finalizers.FOREGROUND_DELETION)) {
                waiting.add(ref);
            } else {
                solid.add(ref);
            }
        }
        if (!solid.isEmpty()) {
            if (!dangling.isEmpty() || !waiting.isEmpty()) {
                List<String> drop = new ArrayList<>();
                dangling.forEach(r -> drop.add(r.uid()));
                waiting.forEach(r -> drop.add(r.uid()));
                lookup.removeOwnerReferences(node.type(), live, drop);
            }
            return;
        }
        String policy;
        if (!waiting.isEmpty() && !graph.dependents(uid).isEmpty()) {
            policy = DeleteOptions.FOREGROUND;
        } else if (fresh.finalizers().contains(Finalizers.ORPHAN)) {
            policy = DeleteOptions.ORPHAN;
        } else if (fresh.finalizers().contains(Finalizers.FOREGROUND_DELETION)) {
            policy = DeleteOptions.FOREGROUND;
        } else {
            policy = DeleteOptions.BACKGROUND;
        }
        kernel.trace().record(context.component(), "GarbageCollect", node.namespace() + "/" + node.name(),
                "garbage collector deletes " + node.type().kind() + " " + node.name() + " (" + policy
                        + "): no owner left of " + fresh.owners().size());
        lookup.delete(node.type(), live, policy);
    }

    /**
     * An owner deleted in the foreground (upstream processDeletingDependentsItem): its finalizer goes once
     * no dependent blocks it; until then the dependents are deleted.
     */
    private void processDeletingDependents(Node owner, KubeObject live) {
        List<String> blocking = new ArrayList<>();
        for (String dep : graph.dependents(owner.uid())) {
            Node d = graph.node(dep);
            if (d == null) {
                continue;
            }
            for (OwnerReference ref : d.owners()) {
                if (ref.uid().equals(owner.uid()) && Boolean.TRUE.equals(ref.blockOwnerDeletion())) {
                    blocking.add(dep);
                }
            }
        }
        if (blocking.isEmpty()) {
            lookup.removeFinalizer(owner.type(), live, Finalizers.FOREGROUND_DELETION);
            return;
        }
        for (String dep : graph.dependents(owner.uid())) {
            Node d = graph.node(dep);
            if (d != null && !d.beingDeleted()) {
                enqueue(DELETE + dep);
            }
        }
    }

    /** Upstream orphanDependents then removeFinalizer(orphan). */
    private void orphanDependents(String uid) {
        Node owner = graph.node(uid);
        if (owner == null) {
            return;
        }
        KubeObject live = lookup.get(owner.type(), owner.namespace(), owner.name());
        if (live == null || !uid.equals(live.metadata().uid())
                || !live.metadata().finalizers().contains(Finalizers.ORPHAN)) {
            return;
        }
        for (String dep : graph.dependents(uid)) {
            Node d = graph.node(dep);
            if (d == null) {
                continue;
            }
            KubeObject dependent = lookup.get(d.type(), d.namespace(), d.name());
            if (dependent != null && dep.equals(dependent.metadata().uid())) {
                lookup.removeOwnerReferences(d.type(), dependent, List.of(uid));
            }
        }
        lookup.removeFinalizer(owner.type(), live, Finalizers.ORPHAN);
    }
}
