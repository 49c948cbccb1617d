package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A volume mounted into a container (core/v1 VolumeMount). */
public record VolumeMount(String name, Boolean readOnly,
        @JsonInclude(JsonInclude.Include.NON_NULL) String recursiveReadOnly, String mountPath, String subPath,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mountPropagation, String subPathExpr) {

    public static final String MOUNT_PROPAGATION_NONE = "None";
    public static final String MOUNT_PROPAGATION_HOST_TO_CONTAINER = "HostToContainer";
    public static final String MOUNT_PROPAGATION_BIDIRECTIONAL = "Bidirectional";

    public static final String RECURSIVE_READ_ONLY_DISABLED = "Disabled";
    public static final String RECURSIVE_READ_ONLY_IF_POSSIBLE = "IfPossible";
    public static final String RECURSIVE_READ_ONLY_ENABLED = "Enabled";

    public static VolumeMount of(String name, String mountPath) {
        return new VolumeMount(name, null, null, mountPath, null, null, null);
    }
}
