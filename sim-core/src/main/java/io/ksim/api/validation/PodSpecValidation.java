package io.ksim.api.validation;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.DNSPolicy;
import io.ksim.api.core.HostAlias;
import io.ksim.api.core.PodDNSConfig;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.core.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod spec, wherever it sits (a Pod, or the template of a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job
 * or CronJob), as upstream's ValidatePodSpec and ValidatePodTemplateSpec check it
 * (pkg/apis/core/validation/validation.go, v1.32), in upstream's order: volumes, containers, init and ephemeral
 * containers, host-network ports, restartPolicy, dnsPolicy, nodeSelector, affinity, dnsConfig, readiness and
 * scheduling gates, topology spread constraints, serviceAccountName, nodeName, activeDeadlineSeconds, hostname, subdomain, tolerations, hostAliases,
 * priorityClassName, preemptionPolicy, overhead. For example a pod without containers gets
 * {@code spec.containers: Required value}, and {@code restartPolicy: Sometimes} gets
 * {@code spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"}.
 *
 * <p>Not checked (ksim keeps these opaque or does not model them): security contexts, resource claims,
 * OS-specific fields, annotations specific to pods.
 */
public final class PodSpecValidation {

    private PodSpecValidation() {
    }

    static final List<String> RESTART_POLICIES = List.of(RestartPolicy.ALWAYS, RestartPolicy.ON_FAILURE, RestartPolicy.NEVER);
    static final List<String> DNS_POLICIES = List.of(DNSPolicy.CLUSTER_FIRST_WITH_HOST_NET, DNSPolicy.CLUSTER_FIRST,
            DNSPolicy.DEFAULT, DNSPolicy.NONE);
    private static final int MAX_DNS_NAMESERVERS = 3;
    private static final int MAX_DNS_SEARCH_PATHS = 32;
    private static final int MAX_DNS_SEARCH_LIST_CHARS = 2048;

    /**
     * A Pod's spec (upstream validatePodMetadataAndSpec without the metadata): the spec checks plus the pod-only
     * rule that images carry no surrounding whitespace.
     */
    public static List<FieldError> validatePod(PodSpec spec, FieldPath specPath) {
        List<FieldError> errs = new ArrayList<>(validatePodSpec(spec, specPath, true));
        errs.addAll(imagesTrimmed(spec.containers(), specPath.child("containers")));
        errs.addAll(imagesTrimmed(spec.initContainers(), specPath.child("initContainers")));
        return errs;
    }

    /**
     * A pod template at {@code fldPath} (e.g. {@code spec.template}). Note upstream's paths for the template's
     * labels and annotations: {@code spec.template.labels}, without {@code metadata}.
     */
    public static List<FieldError> validatePodTemplateSpec(PodTemplateSpec template, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (template.metadata() != null) {
            errs.addAll(ObjectMetaValidation.validateLabels(template.metadata().labels(), fldPath.child("labels")));
            errs.addAll(ObjectMetaValidation.validateAnnotations(template.metadata().annotations(),
                    fldPath.child("annotations")));
        }
        PodSpec spec = template.spec() == null ? PodSpec.builder().build() : template.spec();
        errs.addAll(validatePodSpec(spec, fldPath.child("spec"), false));
        if (!spec.ephemeralContainers().isEmpty()) {
            errs.add(FieldError.forbidden(fldPath.child("spec", "ephemeralContainers"),
                    "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /** Upstream's ValidatePodSpec; {@code isPod} is its ResourceIsPod option (host ports under hostNetwork). */
    public static List<FieldError> validatePodSpec(PodSpec spec, FieldPath fldPath, boolean isPod) {
        List<FieldError> errs = new ArrayList<>();
        Long grace = spec.terminationGracePeriodSeconds();
        if (grace == null) {
            errs.add(FieldError.required(fldPath.child("terminationGracePeriodSeconds"), ""));
        }
        VolumeValidation.Result vols = VolumeValidation.validateVolumes(spec.volumes(), fldPath.child("volumes"));
        errs.addAll(vols.errors());
        Map<String, Volume> volumes = vols.volumes();
        errs.addAll(ContainerValidation.validateContainers(spec.containers(), volumes, grace, fldPath.child("containers")));
        errs.addAll(ContainerValidation.validateInitContainers(spec.initContainers(), spec.containers(), volumes, grace,
                fldPath.child("initContainers")));
        errs.addAll(ContainerValidation.validateEphemeralContainers(spec.ephemeralContainers(), spec.containers(),
                spec.initContainers(), fldPath.child("ephemeralContainers")));
        errs.addAll(hostNetworkPorts(spec, fldPath, isPod));
        errs.addAll(oneOf(spec.restartPolicy(), RESTART_POLICIES, fldPath.child("restartPolicy")));
        errs.addAll(oneOf(spec.dnsPolicy(), DNS_POLICIES, fldPath.child("dnsPolicy")));
        errs.addAll(ObjectMetaValidation.validateLabels(spec.nodeSelector(), fldPath.child("nodeSelector")));
        errs.addAll(SchedulingConstraintsValidation.validateAffinity(spec.affinity(), fldPath.child("affinity")));
        errs.addAll(dnsConfig(spec.dnsConfig(), spec.dnsPolicy(), fldPath.child("dnsConfig")));
        for (int i = 0; i < spec.readinessGates().size(); i++) {
            String type = nullToEmpty(spec.readinessGates().get(i).conditionType());
            qualifiedName(type, fldPath.child("readinessGates").index(i).child("conditionType"), errs);
        }
        Set<String> gates = new HashSet<>();
        for (int i = 0; i < spec.schedulingGates().size(); i++) {
            String gate = nullToEmpty(spec.schedulingGates().get(i).name());
            FieldPath p = fldPath.child("schedulingGates").index(i);
            qualifiedName(gate, p, errs);
            if (!gates.add(gate)) {
                errs.add(FieldError.duplicate(p, gate));
            }
        }
        errs.addAll(SchedulingConstraintsValidation.validateTopologySpreadConstraints(spec.topologySpreadConstraints(),
                fldPath.child("topologySpreadConstraints")));
        subdomainIfSet(spec.serviceAccountName(), fldPath.child("serviceAccountName"), errs);
        subdomainIfSet(spec.nodeName(), fldPath.child("nodeName"), errs);
        Long deadline = spec.activeDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.add(FieldError.invalid(fldPath.child("activeDeadlineSeconds"), deadline,
                    FormatValidation.inclusiveRangeError(1, Integer.MAX_VALUE)));
        }
        labelIfSet(spec.hostname(), fldPath.child("hostname"), errs);
        labelIfSet(spec.subdomain(), fldPath.child("subdomain"), errs);
        errs.addAll(TolerationValidation.validateTolerations(spec.tolerations(), fldPath.child("tolerations")));
        errs.addAll(hostAliases(spec.hostAliases(), fldPath.child("hostAliases")));
        subdomainIfSet(spec.priorityClassName(), fldPath.child("priorityClassName"), errs);
        if (spec.runtimeClassName() != null) {
            for (String msg : NameValidation.isDns1123Subdomain(spec.runtimeClassName())) {
                errs.add(FieldError.invalid(fldPath.child("runtimeClassName"), spec.runtimeClassName(), msg));
            }
        }
        if (spec.preemptionPolicy() != null) {
            errs.addAll(oneOf(spec.preemptionPolicy(), List.of("PreemptLowerPriority", "Never"),
                    fldPath.child("preemptionPolicy")));
        }
        if (!spec.overhead().isEmpty()) {
            errs.addAll(ResourceRequirementsValidation.validate(
                    new io.ksim.api.core.ResourceRequirements(spec.overhead(), null, null), fldPath.child("overhead")));
        }
        return errs;
    }

    /** Required when empty, else one of {@code supported} (listed in the given order). */
    static List<FieldError> oneOf(String value, List<String> supported, FieldPath fldPath) {
        String v = nullToEmpty(value);
        if (v.isEmpty()) {
            return List.of(FieldError.required(fldPath, ""));
        }
        return supported.contains(v) ? List.of() : List.of(FieldError.notSupported(fldPath, v, supported));
    }

    /**
     * Under hostNetwork a host port must equal its container port; in a template an unset host port is allowed
     * (the pod's defaulting fills it in).
     */
    private static List<FieldError> hostNetworkPorts(PodSpec spec, FieldPath fldPath, boolean isPod) {
        List<FieldError> errs = new ArrayList<>();
        if (!spec.usesHostNetwork()) {
            return errs;
        }
        for (int i = 0; i < spec.containers().size(); i++) {
            List<ContainerPort> ports = spec.containers().get(i).ports();
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort p = ports.get(j);
                int hp = p.hostPort() == null ? 0 : p.hostPort();
                if ((isPod || hp != 0) && hp != p.containerPort()) {
                    errs.add(FieldError.invalid(fldPath.child("containers").index(i).child("ports").index(j)
                            .child("hostPort"), hp, "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> dnsConfig(PodDNSConfig config, String dnsPolicy, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (DNSPolicy.NONE.equals(dnsPolicy)) {
            if (config == null) {
                return List.of(FieldError.required(fldPath, "must provide `dnsConfig` when `dnsPolicy` is None"));
            }
            if (config.nameservers() == null || config.nameservers().isEmpty()) {
                return List.of(FieldError.required(fldPath.child("nameservers"),
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
        }
        if (config == null) {
            return errs;
        }
        List<String> ns = config.nameservers() == null ? List.of() : config.nameservers();
        if (ns.size() > MAX_DNS_NAMESERVERS) {
            errs.add(FieldError.invalid(fldPath.child("nameservers"), ns,
                    "must not have more than " + MAX_DNS_NAMESERVERS + " nameservers"));
        }
        for (int i = 0; i < ns.size(); i++) {
            errs.addAll(FormatValidation.isValidIp(fldPath.child("nameservers").index(i), ns.get(i)));
        }
        List<String> searches = config.searches() == null ? List.of() : config.searches();
        if (searches.size() > MAX_DNS_SEARCH_PATHS) {
            errs.add(FieldError.invalid(fldPath.child("searches"), searches,
                    "must not have more than " + MAX_DNS_SEARCH_PATHS + " search paths"));
        }
        if (String.join(" ", searches).length() > MAX_DNS_SEARCH_LIST_CHARS) {
            errs.add(FieldError.invalid(fldPath.child("searches"), searches, "must not have more than "
                    + MAX_DNS_SEARCH_LIST_CHARS + " characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String s = searches.get(i);
            String trimmed = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
            for (String msg : NameValidation.isDns1123Subdomain(trimmed)) {
                errs.add(FieldError.invalid(fldPath.child("searches").index(i), trimmed, msg));
            }
        }
        if (config.options() != null) {
            for (int i = 0; i < config.options().size(); i++) {
                if (nullToEmpty(config.options().get(i).name()).isEmpty()) {
                    errs.add(FieldError.required(fldPath.child("options").index(i), "must not be empty"));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> hostAliases(List<HostAlias> aliases, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            HostAlias a = aliases.get(i);
            errs.addAll(FormatValidation.isValidIp(fldPath.index(i).child("ip"), nullToEmpty(a.ip())));
            List<String> names = a.hostnames() == null ? List.of() : a.hostnames();
            for (int j = 0; j < names.size(); j++) {
                for (String msg : NameValidation.isDns1123Subdomain(names.get(j))) {
                    errs.add(FieldError.invalid(fldPath.index(i).child("hostnames").index(j), names.get(j), msg));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> imagesTrimmed(List<Container> containers, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String image = containers.get(i).image();
            if (image != null && !image.equals(image.strip())) {
                errs.add(FieldError.invalid(fldPath.index(i).child("image"), image,
                        "must not have leading or trailing whitespace"));
            }
        }
        return errs;
    }

    private static void qualifiedName(String value, FieldPath p, List<FieldError> errs) {
        for (String msg : NameValidation.isQualifiedName(value)) {
            errs.add(FieldError.invalid(p, value, msg));
        }
    }

    private static void subdomainIfSet(String value, FieldPath p, List<FieldError> errs) {
        if (value != null && !value.isEmpty()) {
            for (String msg : NameValidation.isDns1123Subdomain(value)) {
                errs.add(FieldError.invalid(p, value, msg));
            }
        }
    }

    private static void labelIfSet(String value, FieldPath p, List<FieldError> errs) {
        if (value != null && !value.isEmpty()) {
            for (String msg : NameValidation.isDns1123Label(value)) {
                errs.add(FieldError.invalid(p, value, msg));
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
