package io.ksim.api.core;

import java.util.List;

/** Health of the devices allocated for one resource of a container (core/v1 ResourceStatus). */
public record ResourceStatus(String name, List<ResourceHealth> resources) {

    public ResourceStatus {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
