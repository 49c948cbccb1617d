package io.ksim.api.meta;

/**
 * A persisted API object: apiVersion, kind and metadata, plus whatever spec and status its kind has.
 * Objects are immutable values; a change makes a new object ({@link #withMetadata}).
 */
public interface KubeObject {

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** The same object with other metadata. */
    KubeObject withMetadata(ObjectMeta metadata);
}
