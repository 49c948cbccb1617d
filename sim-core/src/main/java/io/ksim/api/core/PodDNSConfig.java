package io.ksim.api.core;

import java.util.List;

/** DNS settings of a pod merged into its resolv.conf (core/v1 PodDNSConfig). */
public record PodDNSConfig(List<String> nameservers, List<String> searches, List<PodDNSConfigOption> options) {

    public PodDNSConfig {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        searches = searches == null ? List.of() : List.copyOf(searches);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
