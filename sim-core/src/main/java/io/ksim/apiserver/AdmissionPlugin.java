package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;

/**
 * An admission plugin (upstream's admission.Interface): it sees every create, update and delete after
 * decoding and defaulting and before storage, may change the object (mutating admission) and may refuse the
 * request by throwing an {@link ApiException} (validating admission). Plugins run in the order they were
 * added, as kube-apiserver's --enable-admission-plugins order them.
 */
public interface AdmissionPlugin {

    enum Operation { CREATE, UPDATE, DELETE }

    /** The plugin's upstream name, e.g. "NamespaceLifecycle". */
    String name();

    /**
     * Admits a request. {@code obj} is the new object (null for DELETE), {@code old} the stored one (null for
     * CREATE). Returns the object to store, possibly changed.
     */
    <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name, T obj,
            T old);

    /**
     * Told after storage answered a request this plugin admitted: {@code stored} is true when the object was
     * written (for DELETE: removed, not only marked for deletion), false when storage refused the request or
     * only marked the object. A plugin that reserves something in {@link #admit} (kube-apiserver's service
     * IPs and node ports, which its REST storage reserves before writing) gives it back or frees the old
     * reservation here, as upstream's create and update transactions commit or revert. {@code admitted} is
     * null for DELETE.
     */
    default <T extends KubeObject> void finish(Operation operation, ResourceType<T> type, T admitted, T old,
            boolean stored) {
    }
}
