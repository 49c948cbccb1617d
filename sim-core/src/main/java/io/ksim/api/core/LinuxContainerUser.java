package io.ksim.api.core;

import java.util.List;

/** Linux user and groups of a container's first process (core/v1 LinuxContainerUser). */
public record LinuxContainerUser(long uid, long gid, List<Long> supplementalGroups) {

    public LinuxContainerUser {
        supplementalGroups = supplementalGroups == null ? List.of() : List.copyOf(supplementalGroups);
    }
}
