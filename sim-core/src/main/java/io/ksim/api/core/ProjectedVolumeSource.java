package io.ksim.api.core;

import java.util.List;

/**
 * Several sources in one directory (core/v1 ProjectedVolumeSource), e.g. the service account token volume
 * the API server adds to pods; {@code defaultMode} defaults to 0644.
 */
public record ProjectedVolumeSource(List<VolumeProjection> sources, Integer defaultMode) {

    public ProjectedVolumeSource {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
