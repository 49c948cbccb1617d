package io.ksim.api.core;

import java.util.List;

/** The keys of a Secret as files (core/v1 SecretVolumeSource); {@code defaultMode} defaults to 0644. */
public record SecretVolumeSource(String secretName, List<KeyToPath> items, Integer defaultMode, Boolean optional) {

    public SecretVolumeSource {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
