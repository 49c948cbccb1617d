package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A volume mount as the runtime applied it (core/v1 VolumeMountStatus). */
public record VolumeMountStatus(String name, String mountPath, Boolean readOnly,
        @JsonInclude(JsonInclude.Include.NON_NULL) String recursiveReadOnly) {
}
