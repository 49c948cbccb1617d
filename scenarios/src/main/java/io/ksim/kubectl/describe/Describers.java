package io.ksim.kubectl.describe;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Event;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.Secret;
import io.ksim.api.core.Service;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.networking.Ingress;
import io.ksim.api.networking.NetworkPolicy;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.Role;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code kubectl describe}'s describers over ksim's API server: one per kind kubectl has a describer for
 * (pods, workloads, services, endpoints and slices, ingresses, nodes, namespaces, storage, config, quotas,
 * policies, RBAC, priority and storage classes), with kubectl 1.32's sections, labels and alignment, and
 * kubectl's generic describer (every field of the object) for the rest. A
 * describer reads what it shows through the API, as kubectl does: the object, its events (by the involved
 * object's name, namespace, kind and uid), and the pods, ReplicaSets, EndpointSlices or leases it reports on.
 */
public final class Describers {

    private final ApiServer api;
    private final Supplier<Instant> clock;
    private boolean showEvents = true;

    public Describers(ApiServer api, Supplier<Instant> clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Whether descriptions end with the object's events ({@code --show-events}, on by default). */
    public Describers showEvents(boolean show) {
        this.showEvents = show;
        return this;
    }

    /** The description of {@code name}, as kubectl prints it (ending with a newline); the API's error if absent. */
    public String describe(ResourceType<?> type, String namespace, String name) {
        KubeObject obj = api.get(type, type.namespaced() ? namespace : null, name);
        return describe(type, obj);
    }

    /** The description of an object already read. */
    public String describe(ResourceType<?> type, KubeObject obj) {
        Instant now = clock.get();
        List<Event> events = null;
        if (showEvents && obj instanceof Pod pod) {
            // A mirror pod's events name the static pod: its uid is in the mirror annotation.
            String mirror = pod.metadata().annotations().get("kubernetes.io/config.mirror");
            events = events(obj, false, mirror != null ? mirror : obj.metadata().uid());
        } else if (showEvents) {
            events = events(obj, true);
        }
        if (obj instanceof Pod p) {
            return PodDescriber.describe(p, events, now);
        } else if (obj instanceof Deployment d) {
            return WorkloadDescribers.deployment(this, d, events, now);
        } else if (obj instanceof ReplicaSet rs) {
            return WorkloadDescribers.replicaSet(this, rs, events, now);
        } else if (obj instanceof ReplicationController rc) {
            return WorkloadDescribers.replicationController(this, rc, events, now);
        } else if (obj instanceof StatefulSet s) {
            return WorkloadDescribers.statefulSet(this, s, events, now);
        } else if (obj instanceof DaemonSet ds) {
            return WorkloadDescribers.daemonSet(this, ds, events, now);
        } else if (obj instanceof Job j) {
            return WorkloadDescribers.job(j, events, now);
        } else if (obj instanceof CronJob cj) {
            return WorkloadDescribers.cronJob(cj, events, now);
        } else if (obj instanceof Service s) {
            return NetworkDescribers.service(this, s, events, now);
        } else if (obj instanceof Endpoints ep) {
            return NetworkDescribers.endpoints(ep, events, now);
        } else if (obj instanceof Ingress ing) {
            return NetworkDescribers.ingress(this, ing, events, now);
        } else if (obj instanceof Node n) {
            // Node events name the node by uid (controllers) or by name (the kubelet): kubectl asks for both.
            List<Event> all = null;
            if (events != null) {
                all = new ArrayList<>(events);
                all.addAll(events(obj, true, n.metadata().name()));
            }
            return NodeDescriber.describe(this, n, all, now);
        } else if (obj instanceof Namespace ns) {
            return CoreDescribers.namespace(this, ns);
        } else if (obj instanceof PersistentVolume pv) {
            return CoreDescribers.persistentVolume(pv, events, now);
        } else if (obj instanceof PersistentVolumeClaim pvc) {
            return CoreDescribers.persistentVolumeClaim(this, pvc, events, now);
        } else if (obj instanceof ConfigMap cm) {
            return CoreDescribers.configMap(cm, events, now);
        } else if (obj instanceof Secret s) {
            return CoreDescribers.secret(s);
        } else if (obj instanceof ServiceAccount sa) {
            return CoreDescribers.serviceAccount(this, sa, events, now);
        } else if (obj instanceof PodDisruptionBudget pdb) {
            return CoreDescribers.podDisruptionBudget(pdb, events, now);
        } else if (obj instanceof ResourceQuota q) {
            return PolicyDescribers.resourceQuota(q);
        } else if (obj instanceof LimitRange lr) {
            return PolicyDescribers.limitRange(lr);
        } else if (obj instanceof PriorityClass pc) {
            return PolicyDescribers.priorityClass(pc, events, now);
        } else if (obj instanceof StorageClass sc) {
            return PolicyDescribers.storageClass(sc, events, now);
        } else if (obj instanceof CSINode n) {
            return PolicyDescribers.csiNode(n, events, now);
        } else if (obj instanceof EndpointSlice eps) {
            return PolicyDescribers.endpointSlice(eps, events, now);
        } else if (obj instanceof Role r) {
            return PolicyDescribers.role(r.metadata(), r.rules());
        } else if (obj instanceof ClusterRole r) {
            return PolicyDescribers.role(r.metadata(), r.rules());
        } else if (obj instanceof RoleBinding b) {
            return PolicyDescribers.binding(b.metadata(), b.roleRef(), b.subjects());
        } else if (obj instanceof ClusterRoleBinding b) {
            return PolicyDescribers.binding(b.metadata(), b.roleRef(), b.subjects());
        } else if (obj instanceof NetworkPolicy np) {
            return PolicyDescribers.networkPolicy(np);
        }
        return GenericDescriber.describe(obj, events, now);
    }

    ApiServer api() {
        return api;
    }

    private List<Event> events(KubeObject obj, boolean withKind) {
        return events(obj, withKind, obj.metadata().uid());
    }

    /** The events about {@code obj}: kubectl's field selector on the involved object. */
    private List<Event> events(KubeObject obj, boolean withKind, String uid) {
        String ns = obj.metadata().namespace() == null ? "" : obj.metadata().namespace();
        StringBuilder sel = new StringBuilder();
        sel.append("involvedObject.name=").append(obj.metadata().name());
        sel.append(",involvedObject.namespace=").append(ns);
        if (withKind) {
            sel.append(",involvedObject.kind=").append(obj.kind());
        }
        if (uid != null && !uid.isEmpty()) {
            sel.append(",involvedObject.uid=").append(uid);
        }
        return api.list(BuiltinResources.EVENTS, ns.isEmpty() ? null : ns, ListOptions.fields(sel.toString())).items();
    }

    /** The pods in {@code namespace} the selector matches. */
    List<Pod> pods(String namespace, String labelSelector) {
        return api.list(BuiltinResources.PODS, namespace, ListOptions.labels(labelSelector)).items();
    }

    /** kubectl's pod phase counts for a controller: only pods it controls (by uid) count. */
    int[] podStatus(String namespace, io.ksim.api.meta.LabelSelector selector, String uid) {
        int[] counts = new int[4];
        if (selector == null) {
            return counts;
        }
        for (Pod p : pods(namespace, Fmt.selectorString(selector))) {
            boolean owned = false;
            for (OwnerReference ref : p.metadata().ownerReferences()) {
                if (Boolean.TRUE.equals(ref.controller()) && uid.equals(ref.uid())) {
                    owned = true;
                }
            }
            if (!owned) {
                continue;
            }
            switch (p.status().phase() == null ? "" : p.status().phase()) {
                case "Running" -> counts[0]++;
                case "Pending" -> counts[1]++;
                case "Succeeded" -> counts[2]++;
                case "Failed" -> counts[3]++;
                default -> { }
            }
        }
        return counts;
    }
}
