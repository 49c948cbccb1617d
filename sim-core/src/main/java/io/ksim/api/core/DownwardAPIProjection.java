package io.ksim.api.core;

import java.util.List;

/** Downward API files in a projected volume (core/v1 DownwardAPIProjection). */
public record DownwardAPIProjection(List<DownwardAPIVolumeFile> items) {

    public DownwardAPIProjection {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
