package io.ksim.api.core;

import java.util.List;

/** Extra /etc/hosts entries of a pod (core/v1 HostAlias). */
public record HostAlias(String ip, List<String> hostnames) {

    public HostAlias {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
