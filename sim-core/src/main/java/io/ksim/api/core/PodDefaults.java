package io.ksim.api.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The API server's defaulting of pods and pod templates, as upstream's v1 defaulters for these types
 * (kubernetes pkg/apis/core/v1/defaults.go with the generated zz_generated.defaults.go that walks into
 * nested types and applies the {@code +default} markers of k8s.io/api core/v1 types.go), at v1.32 with
 * default feature gates. Each function returns a defaulted copy; defaulting twice changes nothing more.
 *
 * <p>{@link #pod} is SetObjectDefaults_Pod; {@link #podTemplateSpec} is what every object embedding a pod
 * template applies to it (SetDefaults_PodSpec and the nested defaulters, but not SetDefaults_Pod, whose
 * defaults materialize only in pods).
 *
 * <p>Left out because their feature gates are off by default in v1.32: pod-level resource defaulting
 * (PodLevelResources) and the pull policy of image volumes (ImageVolume).
 */
public final class PodDefaults {

    public static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
    public static final String TERMINATION_MESSAGE_PATH_DEFAULT = "/dev/termination-log";
    public static final boolean DEFAULT_ENABLE_SERVICE_LINKS = true;
    public static final int SECRET_VOLUME_SOURCE_DEFAULT_MODE = 0644;
    public static final int CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE = 0644;
    public static final int DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE = 0644;
    public static final int PROJECTED_VOLUME_SOURCE_DEFAULT_MODE = 0644;
    public static final long SERVICE_ACCOUNT_TOKEN_DEFAULT_EXPIRATION_SECONDS = 3600;

    private PodDefaults() {
    }

    /** A defaulted copy of a pod (upstream SetObjectDefaults_Pod). */
    public static Pod pod(Pod pod) {
        PodSpec spec = podOnly(pod.spec());
        return pod.withSpec(podSpec(spec)).withStatus(podStatus(pod.status()));
    }

    /** A defaulted copy of a pod template, as Deployments, ReplicaSets, Jobs ... apply to their template. */
    public static PodTemplateSpec podTemplateSpec(PodTemplateSpec template) {
        return template.withSpec(podSpec(template.spec()));
    }

    /** A defaulted copy of a PodTemplate object (upstream SetObjectDefaults_PodTemplate). */
    public static PodTemplate podTemplate(PodTemplate template) {
        return template.withTemplate(podTemplateSpec(template.template()));
    }

    /**
     * The defaults of a pod spec wherever it is embedded: SetDefaults_PodSpec (dnsPolicy ClusterFirst,
     * restartPolicy Always, securityContext {}, terminationGracePeriodSeconds 30, schedulerName
     * default-scheduler), the defaulters of its volumes, containers and overhead, and serviceAccount made
     * equal to serviceAccountName as the v1 conversion does.
     */
    public static PodSpec podSpec(PodSpec spec) {
        PodSpec.Builder b = spec.toBuilder();
        if (isEmpty(spec.dnsPolicy())) {
            b.dnsPolicy(DNSPolicy.CLUSTER_FIRST);
        }
        if (isEmpty(spec.restartPolicy())) {
            b.restartPolicy(RestartPolicy.ALWAYS);
        }
        if (spec.securityContext() == null) {
            b.securityContext(Opaque.of(JsonNodeFactory.instance.objectNode()));
        }
        if (spec.terminationGracePeriodSeconds() == null) {
            b.terminationGracePeriodSeconds(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (isEmpty(spec.schedulerName())) {
            b.schedulerName(DEFAULT_SCHEDULER_NAME);
        }
        // Not a defaulter but the v1 conversion every stored pod spec passes through: serviceAccount is the
        // deprecated alias of serviceAccountName; an empty serviceAccountName takes it, and it is written back
        // equal to serviceAccountName (Convert_v1_PodSpec_To_core_PodSpec and back).
        String account = isEmpty(spec.serviceAccountName()) ? spec.serviceAccount() : spec.serviceAccountName();
        if (!isEmpty(account)) {
            b.serviceAccountName(account).serviceAccount(account);
        }
        b.volumes(map(spec.volumes(), VolumeDefaults::volume));
        b.initContainers(map(spec.initContainers(), PodDefaults::container));
        b.containers(map(spec.containers(), PodDefaults::container));
        b.ephemeralContainers(map(spec.ephemeralContainers(),
                e -> EphemeralContainer.of(container(e.common()), e.targetContainerName())));
        b.overhead(resourceList(spec.overhead()));
        if (spec.resources() != null) {
            b.resources(resourceRequirements(spec.resources()));
        }
        return b.build();
    }

    /**
     * Upstream SetDefaults_Pod, the defaults only pods get: requests default to limits per resource for
     * containers and init containers, enableServiceLinks true, and with hostNetwork every container port
     * without a host port gets hostPort = containerPort.
     */
    private static PodSpec podOnly(PodSpec spec) {
        boolean hostNetwork = spec.usesHostNetwork();
        UnaryOperator<Container> podContainer = c -> {
            Container.Builder b = c.toBuilder();
            if (!c.resources().limits().isEmpty()) {
                TreeMap<String, Quantity> requests = new TreeMap<>(c.resources().requests());
                c.resources().limits().forEach(requests::putIfAbsent);
                b.resources(c.resources().withRequests(requests));
            }
            if (hostNetwork) {
                b.ports(map(c.ports(), p -> p.hostPort() == null || p.hostPort() == 0
                        ? new ContainerPort(p.name(), p.containerPort(), p.containerPort(), p.protocol(), p.hostIP())
                        : p));
            }
            return b.build();
        };
        PodSpec.Builder b = spec.toBuilder()
                .containers(map(spec.containers(), podContainer))
                .initContainers(map(spec.initContainers(), podContainer));
        if (spec.enableServiceLinks() == null) {
            b.enableServiceLinks(DEFAULT_ENABLE_SERVICE_LINKS);
        }
        return b.build();
    }

    /**
     * Upstream SetDefaults_Container with the nested defaulters: imagePullPolicy Always for a ":latest" or
     * untagged image, else IfNotPresent; terminationMessagePath /dev/termination-log; terminationMessagePolicy
     * File; port protocol TCP; fieldRef apiVersion v1; resource lists rounded up to milli; probe, HTTP GET and
     * gRPC defaults.
     */
    public static Container container(Container c) {
        Container.Builder b = c.toBuilder();
        if (isEmpty(c.imagePullPolicy())) {
            b.imagePullPolicy("latest".equals(ImageReference.tag(c.image())) ? PullPolicy.ALWAYS
                    : PullPolicy.IF_NOT_PRESENT);
        }
        if (isEmpty(c.terminationMessagePath())) {
            b.terminationMessagePath(TERMINATION_MESSAGE_PATH_DEFAULT);
        }
        if (isEmpty(c.terminationMessagePolicy())) {
            b.terminationMessagePolicy(TerminationMessagePolicy.FILE);
        }
        b.ports(map(c.ports(), p -> isEmpty(p.protocol())
                ? new ContainerPort(p.name(), p.hostPort(), p.containerPort(), Protocol.TCP, p.hostIP()) : p));
        b.env(map(c.env(), e -> e.valueFrom() == null || e.valueFrom().fieldRef() == null ? e
                : new EnvVar(e.name(), e.value(), new EnvVarSource(objectFieldSelector(e.valueFrom().fieldRef()),
                        e.valueFrom().resourceFieldRef(), e.valueFrom().configMapKeyRef(),
                        e.valueFrom().secretKeyRef()))));
        b.resources(resourceRequirements(c.resources()));
        b.livenessProbe(probe(c.livenessProbe()));
        b.readinessProbe(probe(c.readinessProbe()));
        b.startupProbe(probe(c.startupProbe()));
        if (c.lifecycle() != null) {
            b.lifecycle(new Lifecycle(lifecycleHandler(c.lifecycle().postStart()),
                    lifecycleHandler(c.lifecycle().preStop())));
        }
        return b.build();
    }

    /**
     * Upstream SetDefaults_Probe (timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3,
     * each when zero) with SetDefaults_HTTPGetAction and gRPC's service "". Null stays null.
     */
    public static Probe probe(Probe p) {
        if (p == null) {
            return null;
        }
        GRPCAction grpc = p.grpc();
        if (grpc != null && grpc.service() == null) {
            grpc = new GRPCAction(grpc.port(), "");
        }
        return new Probe(p.exec(), httpGetAction(p.httpGet()), p.tcpSocket(), grpc, p.initialDelaySeconds(),
                orDefault(p.timeoutSeconds(), 1), orDefault(p.periodSeconds(), 10), orDefault(p.successThreshold(), 1),
                orDefault(p.failureThreshold(), 3), p.terminationGracePeriodSeconds());
    }

    /** Upstream SetDefaults_HTTPGetAction: path "/" and scheme HTTP when empty. Null stays null. */
    public static HTTPGetAction httpGetAction(HTTPGetAction a) {
        if (a == null) {
            return null;
        }
        return new HTTPGetAction(isEmpty(a.path()) ? "/" : a.path(), a.port(), a.host(),
                isEmpty(a.scheme()) ? HTTPGetAction.SCHEME_HTTP : a.scheme(), a.httpHeaders());
    }

    /** Upstream SetDefaults_ObjectFieldSelector: apiVersion v1 when empty. */
    public static ObjectFieldSelector objectFieldSelector(ObjectFieldSelector s) {
        return s == null || !isEmpty(s.apiVersion()) ? s : new ObjectFieldSelector("v1", s.fieldPath());
    }

    /**
     * Upstream SetDefaults_ResourceList: every quantity rounded up (away from zero) to a multiple of 1m,
     * kept as it is when it already is one.
     */
    public static SortedMap<String, Quantity> resourceList(SortedMap<String, Quantity> list) {
        if (list == null || list.isEmpty()) {
            return list;
        }
        ImmutableSortedMap.Builder<String, Quantity> out = ImmutableSortedMap.naturalOrder();
        boolean changed = false;
        for (var e : list.entrySet()) {
            Quantity rounded = roundUpToMilli(e.getValue());
            changed |= rounded != e.getValue();
            out.put(e.getKey(), rounded);
        }
        return changed ? out.build() : list;
    }

    /** {@code q} rounded up (away from zero) to milli precision; {@code q} itself when nothing is lost. */
    static Quantity roundUpToMilli(Quantity q) {
        BigDecimal v = q.toBigDecimal();
        if (v.scale() <= 3 || v.stripTrailingZeros().scale() <= 3) {
            return q;
        }
        return Quantity.ofDecimal(v.setScale(3, RoundingMode.UP), q.format());
    }

    private static ResourceRequirements resourceRequirements(ResourceRequirements r) {
        return new ResourceRequirements(resourceList(r.limits()), resourceList(r.requests()), r.claims());
    }

    private static LifecycleHandler lifecycleHandler(LifecycleHandler h) {
        return h == null ? null : new LifecycleHandler(h.exec(), httpGetAction(h.httpGet()), h.tcpSocket(), h.sleep());
    }

    /** The resource lists in a pod's container statuses, rounded as every resource list of a pod is. */
    private static PodStatus podStatus(PodStatus status) {
        UnaryOperator<ContainerStatus> cs = s -> {
            if (s.allocatedResources().isEmpty() && s.resources() == null) {
                return s;
            }
            return s.toBuilder().allocatedResources(resourceList(s.allocatedResources()))
                    .resources(s.resources() == null ? null : resourceRequirements(s.resources())).build();
        };
        return status.toBuilder()
                .initContainerStatuses(map(status.initContainerStatuses(), cs))
                .containerStatuses(map(status.containerStatuses(), cs))
                .ephemeralContainerStatuses(map(status.ephemeralContainerStatuses(), cs))
                .build();
    }

    private static Integer orDefault(Integer value, int dflt) {
        return value == null || value == 0 ? dflt : value;
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            out.add(f.apply(t));
        }
        return out;
    }
}
