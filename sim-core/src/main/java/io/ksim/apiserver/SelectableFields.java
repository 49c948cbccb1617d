package io.ksim.apiserver;

import io.ksim.api.core.Event;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Secret;
import io.ksim.api.core.Service;
import io.ksim.api.meta.KubeObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields a field selector can match on each kind, with their values, as upstream's
 * ToSelectableFields functions give them (pkg/registry/core/&lt;kind&gt;/strategy.go): metadata.name and
 * metadata.namespace for every kind, plus e.g. spec.nodeName and status.phase for Pods.
 */
final class SelectableFields {

    private SelectableFields() {
    }

    static Map<String, String> of(KubeObject obj) {
        Map<String, String> f = new HashMap<>();
        f.put("metadata.name", nz(obj.metadata().name()));
        if (obj.metadata().namespace() != null) {
            f.put("metadata.namespace", obj.metadata().namespace());
        }
        if (obj instanceof Pod pod) {
            f.put("spec.nodeName", nz(pod.spec().nodeName()));
            f.put("spec.restartPolicy", nz(pod.spec().restartPolicy()));
            f.put("spec.schedulerName", nz(pod.spec().schedulerName()));
            f.put("spec.serviceAccountName", nz(pod.spec().serviceAccountName()));
            f.put("spec.hostNetwork", Boolean.toString(Boolean.TRUE.equals(pod.spec().hostNetwork())));
            f.put("status.phase", nz(pod.status().phase()));
            f.put("status.podIP", pod.status().podIPs().isEmpty() ? "" : pod.status().podIPs().get(0).ip());
            f.put("status.nominatedNodeName", nz(pod.status().nominatedNodeName()));
        } else if (obj instanceof Node node) {
            f.put("spec.unschedulable", Boolean.toString(Boolean.TRUE.equals(node.spec().unschedulable())));
        } else if (obj instanceof Namespace ns) {
            f.put("status.phase", nz(ns.status().phase()));
        } else if (obj instanceof Secret secret) {
            f.put("type", nz(secret.type()));
        } else if (obj instanceof Service svc) {
            f.put("spec.clusterIP", nz(svc.spec().clusterIP()));
            f.put("spec.type", nz(svc.spec().type()));
        } else if (obj instanceof Event ev) {
            ObjectReference io = ev.involvedObject() == null
                    ? new ObjectReference(null, null, null, null, null, null, null) : ev.involvedObject();
            f.put("involvedObject.kind", nz(io.kind()));
            f.put("involvedObject.namespace", nz(io.namespace()));
            f.put("involvedObject.name", nz(io.name()));
            f.put("involvedObject.uid", nz(io.uid()));
            f.put("involvedObject.apiVersion", nz(io.apiVersion()));
            f.put("involvedObject.resourceVersion", nz(io.resourceVersion()));
            f.put("involvedObject.fieldPath", nz(io.fieldPath()));
            f.put("reason", nz(ev.reason()));
            f.put("reportingComponent", nz(ev.reportingComponent()));
            String source = ev.source() == null ? "" : nz(ev.source().component());
            f.put("source", source.isEmpty() ? nz(ev.reportingComponent()) : source);
            f.put("type", nz(ev.type()));
        }
        return f;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
