package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.num;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.containers;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.images;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.autoscaling.Scale;
import io.ksim.api.core.Container;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.selector.SelectorException;
import java.time.Instant;
import java.util.List;

/** The apps group: Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions; and their scale subresource. */
final class AppsPrinters {

    private AppsPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, Deployment.class, List.of(name(),
                col("Ready", "string", "Number of the pod with ready state"),
                doc("Up-to-date", "string", "DeploymentStatus.updatedReplicas"),
                doc("Available", "string", "DeploymentStatus.availableReplicas"),
                age(), containers(), images(), wideDoc("Selector", "string", "DeploymentSpec.selector")),
                AppsPrinters::deployment);
        Printer.register(p, ReplicaSet.class, List.of(name(),
                doc("Desired", "integer", "ReplicaSetSpec.replicas"),
                doc("Current", "integer", "ReplicaSetStatus.replicas"),
                doc("Ready", "integer", "ReplicaSetStatus.readyReplicas"),
                age(), containers(), images(), wideDoc("Selector", "string", "ReplicaSetSpec.selector")),
                (rs, now) -> {
                    String[] ci = containersAndImages(rs.spec().template());
                    return List.of(rs.metadata().name(), Integer.toString(num(rs.spec().replicas())),
                            Integer.toString(rs.status() == null ? 0 : rs.status().replicas()),
                            Integer.toString(rs.status() == null ? 0 : num(rs.status().readyReplicas())),
                            HumanDuration.since(rs.metadata().creationTimestamp(), now), ci[0], ci[1],
                            Cells.labelSelector(rs.spec().selector()));
                });
        Printer.register(p, StatefulSet.class, List.of(name(),
                col("Ready", "string", "Number of the pod with ready state"), age(), containers(), images()),
                (sts, now) -> {
                    String[] ci = containersAndImages(sts.spec().template());
                    int ready = sts.status() == null ? 0 : num(sts.status().readyReplicas());
                    return List.of(sts.metadata().name(), ready + "/" + num(sts.spec().replicas()),
                            HumanDuration.since(sts.metadata().creationTimestamp(), now), ci[0], ci[1]);
                });
        Printer.register(p, DaemonSet.class, List.of(name(),
                doc("Desired", "integer", "DaemonSetStatus.desiredNumberScheduled"),
                doc("Current", "integer", "DaemonSetStatus.currentNumberScheduled"),
                doc("Ready", "integer", "DaemonSetStatus.numberReady"),
                doc("Up-to-date", "integer", "DaemonSetStatus.updatedNumberScheduled"),
                doc("Available", "integer", "DaemonSetStatus.numberAvailable"),
                doc("Node Selector", "string", "PodSpec.nodeSelector"),
                age(), containers(), images(), wideDoc("Selector", "string", "DaemonSetSpec.selector")),
                AppsPrinters::daemonSet);
        Printer.register(p, ControllerRevision.class, List.of(name(),
                col("Controller", "string", "Controller of the object"),
                doc("Revision", "string", "ControllerRevision.revision"), age()),
                (cr, now) -> List.of(cr.metadata().name(), controllerName(cr.metadata().controllerRef()),
                        Long.toString(cr.revision()), HumanDuration.since(cr.metadata().creationTimestamp(), now)));
        // The scale subresource (kubectl get --subresource=scale); its Name column has no "name" format upstream.
        Printer.register(p, Scale.class, List.of(
                Table.Column.of("Name", "string", SwaggerDocs.of("ObjectMeta.name")),
                doc("Desired", "integer", "ScaleSpec.replicas"),
                doc("Available", "integer", "ScaleStatus.replicas"), age()),
                (sc, now) -> List.of(sc.metadata().name(),
                        Integer.toString(sc.spec() == null ? 0 : num(sc.spec().replicas())),
                        Integer.toString(sc.status() == null ? 0 : sc.status().replicas()),
                        HumanDuration.since(sc.metadata().creationTimestamp(), now)));
    }

    private static List<String> deployment(Deployment d, Instant now) {
        Deployment.DeploymentStatus st = d.status();
        int ready = st == null ? 0 : num(st.readyReplicas());
        String[] ci = containersAndImages(d.spec().template());
        // Unlike the other workloads, Deployment prints its selector with no <none> placeholder.
        String selector;
        try {
            selector = d.spec().selector() == null ? "" : Cells.selectorString(d.spec().selector());
        } catch (SelectorException e) {
            selector = "<invalid>";
        }
        return List.of(d.metadata().name(), ready + "/" + num(d.spec().replicas()),
                Integer.toString(st == null ? 0 : num(st.updatedReplicas())),
                Integer.toString(st == null ? 0 : num(st.availableReplicas())),
                HumanDuration.since(d.metadata().creationTimestamp(), now), ci[0], ci[1], selector);
    }

    private static List<String> daemonSet(DaemonSet ds, Instant now) {
        DaemonSet.DaemonSetStatus st = ds.status();
        PodTemplateSpec tpl = ds.spec().template();
        String[] ci = containersAndImages(tpl);
        return List.of(ds.metadata().name(),
                Integer.toString(st == null ? 0 : st.desiredNumberScheduled()),
                Integer.toString(st == null ? 0 : st.currentNumberScheduled()),
                Integer.toString(st == null ? 0 : st.numberReady()),
                Integer.toString(st == null ? 0 : num(st.updatedNumberScheduled())),
                Integer.toString(st == null ? 0 : num(st.numberAvailable())),
                Cells.labels(tpl == null || tpl.spec() == null ? null : tpl.spec().nodeSelector()),
                HumanDuration.since(ds.metadata().creationTimestamp(), now), ci[0], ci[1],
                Cells.labelSelector(ds.spec().selector()));
    }

    static String[] containersAndImages(PodTemplateSpec template) {
        List<Container> cs = template == null || template.spec() == null ? null : template.spec().containers();
        return Cells.containersAndImages(cs);
    }

    /** The controller as {@code kind.group/name} in lower case ({@code daemonset.apps/fluentd}), or {@code <none>}. */
    static String controllerName(OwnerReference ref) {
        if (ref == null) {
            return Cells.NONE;
        }
        String apiVersion = Cells.str(ref.apiVersion());
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String kind = Cells.str(ref.kind());
        if (kind.isEmpty() && group.isEmpty()) {
            return ref.name();
        }
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase(java.util.Locale.ROOT) + "/" + ref.name();
    }
}
