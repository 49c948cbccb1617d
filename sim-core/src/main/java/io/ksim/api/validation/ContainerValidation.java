package io.ksim.api.validation;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.EphemeralContainer;
import io.ksim.api.core.Protocol;
import io.ksim.api.core.PullPolicy;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.core.TerminationMessagePolicy;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeDevice;
import io.ksim.api.core.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers, init containers and ephemeral containers, as upstream's validateContainers,
 * validateInitContainers and validateContainerCommon check them (pkg/apis/core/validation/validation.go):
 * at least one container ({@code spec.containers: Required value}); names DNS labels, unique across all three
 * lists ({@code spec.initContainers[0].name: Duplicate value: "app"}); an image; ports, env, mounts, pull
 * policy, resources; probes and hooks only where they may run; no host port used twice.
 */
public final class ContainerValidation {

    private ContainerValidation() {
    }

    /** Sorted as upstream lists a set. */
    static final List<String> PROTOCOLS = List.of(Protocol.SCTP, Protocol.TCP, Protocol.UDP);
    static final List<String> PULL_POLICIES = List.of(PullPolicy.ALWAYS, PullPolicy.IF_NOT_PRESENT, PullPolicy.NEVER);
    private static final String NOT_FOR_INIT = "may not be set for init containers without restartPolicy=Always";

    /** The regular containers of a pod spec at {@code fldPath} ({@code spec.containers}). */
    static List<FieldError> validateContainers(List<Container> containers, Map<String, Volume> volumes,
            Long gracePeriod, FieldPath fldPath) {
        if (containers.isEmpty()) {
            return List.of(FieldError.required(fldPath, ""));
        }
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            FieldPath path = fldPath.index(i);
            errs.addAll(validateCommon(c, volumes, path));
            if (!names.add(nullToEmpty(c.name()))) {
                errs.add(FieldError.duplicate(path.child("name"), nullToEmpty(c.name())));
            }
            if (c.lifecycle() != null) {
                errs.addAll(ProbeValidation.validateLifecycle(c.lifecycle(), gracePeriod, path.child("lifecycle")));
            }
            errs.addAll(ProbeValidation.validateLivenessOrStartup(c.livenessProbe(), gracePeriod, path.child("livenessProbe")));
            errs.addAll(ProbeValidation.validateReadiness(c.readinessProbe(), gracePeriod, path.child("readinessProbe")));
            errs.addAll(ProbeValidation.validateLivenessOrStartup(c.startupProbe(), gracePeriod, path.child("startupProbe")));
            if (c.restartPolicy() != null) {
                errs.add(FieldError.forbidden(path.child("restartPolicy"), "may not be set for non-init containers"));
            }
        }
        errs.addAll(hostPortConflicts(containers, fldPath));
        return errs;
    }

    /** Init containers at {@code fldPath}; their names may not repeat a regular container's either. */
    static List<FieldError> validateInitContainers(List<Container> inits, List<Container> regular,
            Map<String, Volume> volumes, Long gracePeriod, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        regular.forEach(c -> names.add(nullToEmpty(c.name())));
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            FieldPath path = fldPath.index(i);
            errs.addAll(validateCommon(c, volumes, path));
            boolean restartAlways = false;
            if (c.restartPolicy() != null) {
                if (!c.restartPolicy().equals(RestartPolicy.ALWAYS)) {
                    errs.add(FieldError.notSupported(path.child("restartPolicy"), c.restartPolicy(),
                            List.of(RestartPolicy.ALWAYS)));
                }
                restartAlways = c.restartPolicy().equals(RestartPolicy.ALWAYS);
            }
            String name = nullToEmpty(c.name());
            if (names.contains(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
            // Upstream checks each init container alone, as the list's first item: the path always says [0].
            errs.addAll(hostPortConflicts(List.of(c), fldPath));
            if (restartAlways) {
                if (c.lifecycle() != null) {
                    errs.addAll(ProbeValidation.validateLifecycle(c.lifecycle(), gracePeriod, path.child("lifecycle")));
                }
                errs.addAll(ProbeValidation.validateLivenessOrStartup(c.livenessProbe(), gracePeriod, path.child("livenessProbe")));
                errs.addAll(ProbeValidation.validateReadiness(c.readinessProbe(), gracePeriod, path.child("readinessProbe")));
                errs.addAll(ProbeValidation.validateLivenessOrStartup(c.startupProbe(), gracePeriod, path.child("startupProbe")));
            } else {
                forbidIfSet(c.lifecycle(), path.child("lifecycle"), errs);
                forbidIfSet(c.livenessProbe(), path.child("livenessProbe"), errs);
                forbidIfSet(c.readinessProbe(), path.child("readinessProbe"), errs);
                forbidIfSet(c.startupProbe(), path.child("startupProbe"), errs);
            }
        }
        return errs;
    }

    /** Ephemeral containers: a name unique across all containers, and a target that is a regular or init container. */
    static List<FieldError> validateEphemeralContainers(List<EphemeralContainer> ephemeral, List<Container> regular,
            List<Container> inits, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> others = new HashSet<>();
        regular.forEach(c -> others.add(nullToEmpty(c.name())));
        inits.forEach(c -> others.add(nullToEmpty(c.name())));
        Set<String> all = new HashSet<>(others);
        for (int i = 0; i < ephemeral.size(); i++) {
            EphemeralContainer ec = ephemeral.get(i);
            FieldPath path = fldPath.index(i);
            String name = nullToEmpty(ec.name());
            errs.addAll(nameAndImage(name, ec.image(), path));
            if (!all.add(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
            String target = nullToEmpty(ec.targetContainerName());
            if (!target.isEmpty() && !others.contains(target)) {
                errs.add(FieldError.notFound(path.child("targetContainerName"), target));
            }
        }
        return errs;
    }

    /** Upstream's validateContainerCommon, in its order. */
    private static List<FieldError> validateCommon(Container c, Map<String, Volume> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(nameAndImage(nullToEmpty(c.name()), c.image(), path));
        String tmp = nullToEmpty(c.terminationMessagePolicy());
        if (tmp.isEmpty()) {
            errs.add(FieldError.required(path.child("terminationMessagePolicy"), ""));
        } else if (!tmp.equals(TerminationMessagePolicy.FILE) && !tmp.equals(TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR)) {
            errs.add(FieldError.notSupported(path.child("terminationMessagePolicy"), tmp,
                    List.of(TerminationMessagePolicy.FILE, TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR)));
        }
        errs.addAll(validatePorts(c.ports(), path.child("ports")));
        errs.addAll(EnvValidation.validateEnv(c.env(), path.child("env")));
        errs.addAll(EnvValidation.validateEnvFrom(c.envFrom(), path.child("envFrom")));
        errs.addAll(validateVolumeMounts(c.volumeMounts(), c.volumeDevices(), volumes, path.child("volumeMounts")));
        errs.addAll(validateVolumeDevices(c.volumeDevices(), c.volumeMounts(), volumes, path.child("volumeDevices")));
        String pull = nullToEmpty(c.imagePullPolicy());
        if (pull.isEmpty()) {
            errs.add(FieldError.required(path.child("imagePullPolicy"), ""));
        } else if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(path.child("imagePullPolicy"), pull, PULL_POLICIES));
        }
        errs.addAll(ResourceRequirementsValidation.validate(c.resources(), path.child("resources")));
        return errs;
    }

    private static List<FieldError> nameAndImage(String name, String image, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (name.isEmpty()) {
            errs.add(FieldError.required(path.child("name"), ""));
        } else {
            for (String msg : NameValidation.isDns1123Label(name)) {
                errs.add(FieldError.invalid(path.child("name"), name, msg));
            }
        }
        if (image == null || image.isEmpty()) {
            errs.add(FieldError.required(path.child("image"), ""));
        }
        return errs;
    }

    /** containerPort required and 1-65535, hostPort 1-65535 when set, protocol TCP/UDP/SCTP, names unique IANA_SVC_NAMEs. */
    static List<FieldError> validatePorts(List<ContainerPort> ports, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort p = ports.get(i);
            FieldPath idx = fldPath.index(i);
            String name = nullToEmpty(p.name());
            if (!name.isEmpty()) {
                List<String> msgs = FormatValidation.isValidPortName(name);
                if (!msgs.isEmpty()) {
                    msgs.forEach(m -> errs.add(FieldError.invalid(idx.child("name"), name, m)));
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx.child("name"), name));
                }
            }
            if (p.containerPort() == 0) {
                errs.add(FieldError.required(idx.child("containerPort"), ""));
            } else {
                FormatValidation.isValidPortNum(p.containerPort())
                        .forEach(m -> errs.add(FieldError.invalid(idx.child("containerPort"), p.containerPort(), m)));
            }
            int hostPort = p.hostPort() == null ? 0 : p.hostPort();
            if (hostPort != 0) {
                FormatValidation.isValidPortNum(hostPort)
                        .forEach(m -> errs.add(FieldError.invalid(idx.child("hostPort"), hostPort, m)));
            }
            String protocol = nullToEmpty(p.protocol());
            if (protocol.isEmpty()) {
                errs.add(FieldError.required(idx.child("protocol"), ""));
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(idx.child("protocol"), protocol, PROTOCOLS));
            }
        }
        return errs;
    }

    /** Each mount names a declared volume ({@code Not found: "data"}) at a unique path. */
    private static List<FieldError> validateVolumeMounts(List<VolumeMount> mounts, List<VolumeDevice> devices,
            Map<String, Volume> volumes, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> deviceMap = new LinkedHashMap<>();
        devices.forEach(d -> deviceMap.put(nullToEmpty(d.name()), nullToEmpty(d.devicePath())));
        Set<String> mountPoints = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            FieldPath idx = fldPath.index(i);
            String name = nullToEmpty(m.name());
            String mountPath = nullToEmpty(m.mountPath());
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            }
            if (!volumes.containsKey(name)) {
                errs.add(FieldError.notFound(idx.child("name"), name));
            }
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(idx.child("mountPath"), ""));
            }
            if (!mountPoints.add(mountPath)) {
                errs.add(FieldError.invalid(idx.child("mountPath"), mountPath, "must be unique"));
            }
            if (deviceMap.containsKey(name)) {
                errs.add(FieldError.invalid(idx.child("name"), name, "must not already exist in volumeDevices"));
            }
            if (deviceMap.containsValue(mountPath)) {
                errs.add(FieldError.invalid(idx.child("mountPath"), mountPath, "must not already exist as a path in volumeDevices"));
            }
            String subPath = nullToEmpty(m.subPath());
            String subPathExpr = nullToEmpty(m.subPathExpr());
            // Upstream reports subPath problems at the list's path, not the item's.
            if (!subPath.isEmpty()) {
                errs.addAll(PathValidation.localDescending(subPath, fldPath.child("subPath")));
            }
            if (!subPathExpr.isEmpty()) {
                if (!subPath.isEmpty()) {
                    errs.add(FieldError.invalid(idx.child("subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive"));
                }
                errs.addAll(PathValidation.localDescending(subPathExpr, fldPath.child("subPathExpr")));
            }
            if (m.mountPropagation() != null && !MOUNT_PROPAGATIONS.contains(m.mountPropagation())) {
                errs.add(FieldError.notSupported(fldPath.child("mountPropagation"), m.mountPropagation(), MOUNT_PROPAGATIONS));
            }
        }
        return errs;
    }

    private static final List<String> MOUNT_PROPAGATIONS = List.of(VolumeMount.MOUNT_PROPAGATION_BIDIRECTIONAL,
            VolumeMount.MOUNT_PROPAGATION_HOST_TO_CONTAINER, VolumeMount.MOUNT_PROPAGATION_NONE);

    /** Block devices: a unique name and path, a claim-backed volume, no overlap with the mounts. */
    private static List<FieldError> validateVolumeDevices(List<VolumeDevice> devices, List<VolumeMount> mounts,
            Map<String, Volume> volumes, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> mountMap = new LinkedHashMap<>();
        mounts.forEach(m -> mountMap.put(nullToEmpty(m.name()), nullToEmpty(m.mountPath())));
        Set<String> paths = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            VolumeDevice d = devices.get(i);
            FieldPath idx = fldPath.index(i);
            String name = nullToEmpty(d.name());
            String path = nullToEmpty(d.devicePath());
            Volume v = volumes.get(name);
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            }
            if (names.contains(name)) {
                errs.add(FieldError.invalid(idx.child("name"), name, "must be unique"));
            }
            if (v != null && v.persistentVolumeClaim() == null && v.ephemeral() == null) {
                errs.add(FieldError.invalid(idx.child("name"), name,
                        "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
            }
            if (v == null) {
                errs.add(FieldError.notFound(idx.child("name"), name));
            }
            if (path.isEmpty()) {
                errs.add(FieldError.required(idx.child("devicePath"), ""));
            }
            if (paths.contains(path)) {
                errs.add(FieldError.invalid(idx.child("devicePath"), path, "must be unique"));
            }
            if (!path.isEmpty() && !PathValidation.noBacksteps(path, fldPath).isEmpty()) {
                errs.add(FieldError.invalid(idx.child("devicePath"), path, "can not contain backsteps ('..')"));
            } else {
                paths.add(path);
            }
            if (mountMap.containsKey(name)) {
                errs.add(FieldError.invalid(idx.child("name"), name, "must not already exist in volumeMounts"));
            }
            if (mountMap.containsValue(path)) {
                errs.add(FieldError.invalid(idx.child("devicePath"), path, "must not already exist as a path in volumeMounts"));
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return errs;
    }

    /** {@code Duplicate value: "TCP//8080"}: a host port (protocol, host IP, port) used twice. */
    private static List<FieldError> hostPortConflicts(List<Container> containers, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<ContainerPort> ports = containers.get(ci).ports();
            for (int pi = 0; pi < ports.size(); pi++) {
                ContainerPort p = ports.get(pi);
                int hostPort = p.hostPort() == null ? 0 : p.hostPort();
                if (hostPort == 0) {
                    continue;
                }
                String key = nullToEmpty(p.protocol()) + "/" + nullToEmpty(p.hostIP()) + "/" + hostPort;
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(fldPath.index(ci).child("ports").index(pi).child("hostPort"), key));
                }
            }
        }
        return errs;
    }

    private static void forbidIfSet(Object value, FieldPath path, List<FieldError> errs) {
        if (value != null) {
            errs.add(FieldError.forbidden(path, NOT_FOR_INIT));
        }
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
