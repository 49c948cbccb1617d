package io.ksim.api.core;

/** An OCI image or artifact as a read-only volume (core/v1 ImageVolumeSource, alpha in 1.32). */
public record ImageVolumeSource(String reference, String pullPolicy) {
}
