package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.Opaque;
import java.util.List;

/**
 * One container of a pod (core/v1 Container); also the type of init containers. A container with
 * {@code restartPolicy: Always} among the init containers is a sidecar. The security context is kept as
 * given, uninterpreted.
 */
public record Container(String name, String image, List<String> command, List<String> args, String workingDir,
        @PatchStrategy(mergeKey = "containerPort") List<ContainerPort> ports, List<EnvFromSource> envFrom, @PatchStrategy(mergeKey = "name") List<EnvVar> env, ResourceRequirements resources,
        List<ContainerResizePolicy> resizePolicy, @JsonInclude(JsonInclude.Include.NON_NULL) String restartPolicy,
        @PatchStrategy(mergeKey = "mountPath") List<VolumeMount> volumeMounts, @PatchStrategy(mergeKey = "devicePath") List<VolumeDevice> volumeDevices, Probe livenessProbe, Probe readinessProbe,
        Probe startupProbe, Lifecycle lifecycle, String terminationMessagePath, String terminationMessagePolicy,
        String imagePullPolicy, @JsonInclude(JsonInclude.Include.NON_NULL) Opaque securityContext, Boolean stdin,
        Boolean stdinOnce, Boolean tty) {

    public Container {
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

    /** A container with just a name and an image. */
    public static Container of(String name, String image) {
        return builder().name(name).image(image).build();
    }

    /** Whether this init container is a sidecar: it keeps running ({@code restartPolicy: Always}). */
    public boolean isRestartable() {
        return RestartPolicy.ALWAYS.equals(restartPolicy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link Container}; unset fields stay absent. */
    public static final class Builder {
        private String name;
        private String image;
        private List<String> command;
        private List<String> args;
        private String workingDir;
        private List<ContainerPort> ports;
        private List<EnvFromSource> envFrom;
        private List<EnvVar> env;
        private ResourceRequirements resources;
        private List<ContainerResizePolicy> resizePolicy;
        private String restartPolicy;
        private List<VolumeMount> volumeMounts;
        private List<VolumeDevice> volumeDevices;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private Probe startupProbe;
        private Lifecycle lifecycle;
        private String terminationMessagePath;
        private String terminationMessagePolicy;
        private String imagePullPolicy;
        private Opaque securityContext;
        private Boolean stdin;
        private Boolean stdinOnce;
        private Boolean tty;

        private Builder() {
        }

        private Builder(Container o) {
            name = o.name;
            image = o.image;
            command = o.command;
            args = o.args;
            workingDir = o.workingDir;
            ports = o.ports;
            envFrom = o.envFrom;
            env = o.env;
            resources = o.resources;
            resizePolicy = o.resizePolicy;
            restartPolicy = o.restartPolicy;
            volumeMounts = o.volumeMounts;
            volumeDevices = o.volumeDevices;
            livenessProbe = o.livenessProbe;
            readinessProbe = o.readinessProbe;
            startupProbe = o.startupProbe;
            lifecycle = o.lifecycle;
            terminationMessagePath = o.terminationMessagePath;
            terminationMessagePolicy = o.terminationMessagePolicy;
            imagePullPolicy = o.imagePullPolicy;
            securityContext = o.securityContext;
            stdin = o.stdin;
            stdinOnce = o.stdinOnce;
            tty = o.tty;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder command(List<String> v) {
            command = v;
            return this;
        }

        public Builder args(List<String> v) {
            args = v;
            return this;
        }

        public Builder workingDir(String v) {
            workingDir = v;
            return this;
        }

        public Builder ports(List<ContainerPort> v) {
            ports = v;
            return this;
        }

        public Builder envFrom(List<EnvFromSource> v) {
            envFrom = v;
            return this;
        }

        public Builder env(List<EnvVar> v) {
            env = v;
            return this;
        }

        public Builder resources(ResourceRequirements v) {
            resources = v;
            return this;
        }

        public Builder resizePolicy(List<ContainerResizePolicy> v) {
            resizePolicy = v;
            return this;
        }

        public Builder restartPolicy(String v) {
            restartPolicy = v;
            return this;
        }

        public Builder volumeMounts(List<VolumeMount> v) {
            volumeMounts = v;
            return this;
        }

        public Builder volumeDevices(List<VolumeDevice> v) {
            volumeDevices = v;
            return this;
        }

        public Builder livenessProbe(Probe v) {
            livenessProbe = v;
            return this;
        }

        public Builder readinessProbe(Probe v) {
            readinessProbe = v;
            return this;
        }

        public Builder startupProbe(Probe v) {
            startupProbe = v;
            return this;
        }

        public Builder lifecycle(Lifecycle v) {
            lifecycle = v;
            return this;
        }

        public Builder terminationMessagePath(String v) {
            terminationMessagePath = v;
            return this;
        }

        public Builder terminationMessagePolicy(String v) {
            terminationMessagePolicy = v;
            return this;
        }

        public Builder imagePullPolicy(String v) {
            imagePullPolicy = v;
            return this;
        }

        public Builder securityContext(Opaque v) {
            securityContext = v;
            return this;
        }

        public Builder stdin(Boolean v) {
            stdin = v;
            return this;
        }

        public Builder stdinOnce(Boolean v) {
            stdinOnce = v;
            return this;
        }

        public Builder tty(Boolean v) {
            tty = v;
            return this;
        }

        public Container build() {
            return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources,
                    resizePolicy, restartPolicy, volumeMounts, volumeDevices, livenessProbe, readinessProbe,
                    startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy,
                    securityContext, stdin, stdinOnce, tty);
        }
    }
}
