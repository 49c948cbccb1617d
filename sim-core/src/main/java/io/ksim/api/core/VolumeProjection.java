package io.ksim.api.core;

/** One source of a {@link ProjectedVolumeSource} (core/v1 VolumeProjection); exactly one field is set. */
public record VolumeProjection(SecretProjection secret, DownwardAPIProjection downwardAPI,
        ConfigMapProjection configMap, ServiceAccountTokenProjection serviceAccountToken,
        ClusterTrustBundleProjection clusterTrustBundle) {
}
