package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.Opaque;
import java.util.List;

/**
 * A container added to a running pod for debugging (core/v1 EphemeralContainer): the fields of a
 * {@link Container} plus {@code targetContainerName}. Ephemeral containers are added through the
 * {@code ephemeralcontainers} subresource and never restarted.
 */
public record EphemeralContainer(String name, String image, List<String> command, List<String> args,
        String workingDir, @PatchStrategy(mergeKey = "containerPort") List<ContainerPort> ports, List<EnvFromSource> envFrom, @PatchStrategy(mergeKey = "name") List<EnvVar> env,
        ResourceRequirements resources, List<ContainerResizePolicy> resizePolicy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String restartPolicy, @PatchStrategy(mergeKey = "mountPath") List<VolumeMount> volumeMounts,
        @PatchStrategy(mergeKey = "devicePath") List<VolumeDevice> volumeDevices, Probe livenessProbe, Probe readinessProbe, Probe startupProbe,
        Lifecycle lifecycle, String terminationMessagePath, String terminationMessagePolicy, String imagePullPolicy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque securityContext, Boolean stdin, Boolean stdinOnce,
        Boolean tty, String targetContainerName) {

    public EphemeralContainer {
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        ports = ports == null ? List.of() : List.copyOf(ports);
        envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
        env = env == null ? List.of() : List.copyOf(env);
        resources = resources == null ? ResourceRequirements.NONE : resources;
        resizePolicy = resizePolicy == null ? List.of() : List.copyOf(resizePolicy);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        volumeDevices = volumeDevices == null ? List.of() : List.copyOf(volumeDevices);
    }

    /** An ephemeral container with the common fields of {@code c}. */
    public static EphemeralContainer of(Container c, String targetContainerName) {
        return new EphemeralContainer(c.name(), c.image(), c.command(), c.args(), c.workingDir(), c.ports(),
                c.envFrom(), c.env(), c.resources(), c.resizePolicy(), c.restartPolicy(), c.volumeMounts(),
                c.volumeDevices(), c.livenessProbe(), c.readinessProbe(), c.startupProbe(), c.lifecycle(),
                c.terminationMessagePath(), c.terminationMessagePolicy(), c.imagePullPolicy(), c.securityContext(),
                c.stdin(), c.stdinOnce(), c.tty(), targetContainerName);
    }

    /** The fields this ephemeral container shares with {@link Container}, as a Container. */
    public Container common() {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, resizePolicy,
                restartPolicy, volumeMounts, volumeDevices, livenessProbe, readinessProbe, startupProbe, lifecycle,
                terminationMessagePath, terminationMessagePolicy, imagePullPolicy, securityContext, stdin, stdinOnce,
                tty);
    }
}
