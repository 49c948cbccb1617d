package io.ksim.scheduler;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.client.ResourceEventHandler;
import io.ksim.scheduler.framework.ClusterEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the scheduler does with its informers' news (upstream eventhandlers.go): bound pods go to the
 * cache, pending pods it is responsible for to the queue, and changes that may let a waiting pod fit move
 * the unschedulable pods.
 */
final class EventHandlers {

    private EventHandlers() {
    }

    private static boolean assigned(Pod pod) {
        return pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.status().phase();
        return PodPhase.SUCCEEDED.equals(phase) || PodPhase.FAILED.equals(phase);
    }

    private static boolean responsible(Pod pod) {
        return Scheduler.SCHEDULER_NAME.equals(pod.spec().schedulerName());
    }

    /**
     * A pod with scheduling gates waits outside the queue until they are all removed (upstream's
     * SchedulingGates PreEnqueue plugin). Upstream's API server also marks such a pod PodScheduled=False/SchedulingGated.
     */
    private static boolean gated(Pod pod) {
        return !pod.spec().schedulingGates().isEmpty();
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    /** Bound pods go to the cache, pending ones of this scheduler to the queue; terminal pods count as gone. */
    static final class PodHandler implements ResourceEventHandler<Pod> {
        private final Scheduler s;

        PodHandler(Scheduler s) {
            this.s = s;
        }

        @Override
        public void onAdd(Pod pod, boolean inInitialList) {
            if (terminal(pod)) {
                return;
            }
            if (assigned(pod)) {
                s.cache.addOrUpdatePod(s.podInfo(pod), pod.spec().nodeName());
                s.moveAll(ClusterEvent.ASSIGNED_POD_ADD);
            } else if (responsible(pod) && !pod.metadata().isBeingDeleted() && !gated(pod)) {
                s.queue.add(s.podInfo(pod), s.kernel.nanos());
                s.armCycle();
            }
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            if (oldPod == newPod) {
                return;
            }
            if (terminal(newPod)) {
                gone(newPod);
                return;
            }
            if (assigned(newPod)) {
                if (!assigned(oldPod)) {
                    s.queue.delete(key(newPod));
                    s.nominator.clear(key(newPod));
                }
                s.cache.addOrUpdatePod(s.podInfo(newPod), newPod.spec().nodeName());
                s.moveAll(assigned(oldPod) ? ClusterEvent.ASSIGNED_POD_UPDATE : ClusterEvent.ASSIGNED_POD_ADD);
            } else if (responsible(newPod)) {
                if (newPod.metadata().isBeingDeleted() || gated(newPod)) {
                    s.queue.delete(key(newPod));
                } else if (gated(oldPod) || !Objects.equals(oldPod.spec(), newPod.spec())
                        || !Objects.equals(oldPod.metadata().labels(), newPod.metadata().labels())) {
                    s.queue.update(s.podInfo(newPod), s.kernel.nanos());
                    s.armCycle();
                }
            }
        }

        @Override
        public void onDelete(Pod pod) {
            s.forgetDecision(key(pod));
            gone(pod);
        }

        /** A deleted or finished pod: it no longer counts on its node nor waits in the queue. */
        private void gone(Pod pod) {
            String key = key(pod);
            s.nominator.clear(key);
            if (s.cache.nodeOf(key) != null) {
                s.cache.removePod(key);
                s.moveAll(ClusterEvent.ASSIGNED_POD_DELETE);
            }
            s.queue.delete(key);
        }
    }

    /** Claims, volumes and classes: a new or changed one may let VolumeBinding admit a pod. */
    static final class StorageHandler<T extends io.ksim.api.meta.KubeObject> implements ResourceEventHandler<T> {
        private final Scheduler s;
        private final ClusterEvent added;
        private final ClusterEvent updated;

        StorageHandler(Scheduler s, ClusterEvent added, ClusterEvent updated) {
            this.s = s;
            this.added = added;
            this.updated = updated;
        }

        @Override
        public void onAdd(T obj, boolean inInitialList) {
            s.moveAll(added);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            if (updated != null && oldObj != newObj) {
                s.moveAll(updated);
            }
        }
    }

    /** Nodes go to the cache; a change that can make a pod fit moves the unschedulable pods. */
    static final class NodeHandler implements ResourceEventHandler<Node> {
        private final Scheduler s;

        NodeHandler(Scheduler s) {
            this.s = s;
        }

        @Override
        public void onAdd(Node node, boolean inInitialList) {
            s.cache.addNode(node);
            s.moveAll(ClusterEvent.NODE_ADD);
        }

        @Override
        public void onUpdate(Node oldNode, Node newNode) {
            if (oldNode == newNode) {
                return;
            }
            s.cache.updateNode(oldNode, newNode);
            if (schedulingPropertiesChanged(oldNode, newNode)) {
                s.moveAll(ClusterEvent.NODE_UPDATE);
            }
        }

        @Override
        public void onDelete(Node node) {
            s.cache.removeNode(node);
            s.moveAll(ClusterEvent.NODE_DELETE);
        }
    }

    /**
     * upstream nodeSchedulingPropertiesChange: labels, taints, spec.unschedulable, allocatable, or a
     * condition's status; a heartbeat alone is not a reason to retry pods.
     */
    static boolean schedulingPropertiesChanged(Node a, Node b) {
        if (!a.metadata().labels().equals(b.metadata().labels())
                || !a.spec().taints().equals(b.spec().taints())
                || a.spec().isUnschedulable() != b.spec().isUnschedulable()
                || !a.status().allocatable().equals(b.status().allocatable())) {
            return true;
        }
        Map<String, String> ca = new HashMap<>();
        a.status().conditions().forEach(c -> ca.put(c.type(), c.status()));
        Map<String, String> cb = new HashMap<>();
        b.status().conditions().forEach(c -> cb.put(c.type(), c.status()));
        return !ca.equals(cb);
    }
}
