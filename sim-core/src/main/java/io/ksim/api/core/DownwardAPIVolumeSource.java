package io.ksim.api.core;

import java.util.List;

/** Pod fields as files (core/v1 DownwardAPIVolumeSource); {@code defaultMode} defaults to 0644. */
public record DownwardAPIVolumeSource(List<DownwardAPIVolumeFile> items, Integer defaultMode) {

    public DownwardAPIVolumeSource {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
