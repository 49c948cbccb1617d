package io.ksim.api.apps;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;

/**
 * An immutable snapshot of a DaemonSet's or StatefulSet's template (apps/v1 ControllerRevision). {@code data}
 * is a runtime.RawExtension: the patch its controller applies to restore that revision, held as JSON.
 */
public record ControllerRevision(String apiVersion, String kind, ObjectMeta metadata, Opaque data, long revision)
        implements KubeObject {

    public static final String API_VERSION = Apps.API_VERSION;
    public static final String KIND = "ControllerRevision";

    public ControllerRevision {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
    }

    public ControllerRevision(ObjectMeta metadata, Opaque data, long revision) {
        this(null, null, metadata, data, revision);
    }

    @Override
    public ControllerRevision withMetadata(ObjectMeta newMetadata) {
        return new ControllerRevision(apiVersion, kind, newMetadata, data, revision);
    }

    public ControllerRevision withRevision(long newRevision) {
        return new ControllerRevision(apiVersion, kind, metadata, data, newRevision);
    }
}
