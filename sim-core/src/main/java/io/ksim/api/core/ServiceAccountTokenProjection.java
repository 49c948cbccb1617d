package io.ksim.api.core;

/**
 * A service account token in a projected volume (core/v1 ServiceAccountTokenProjection);
 * {@code expirationSeconds} defaults to 3600.
 */
public record ServiceAccountTokenProjection(String audience, Long expirationSeconds, String path) {
}
