package io.ksim.apiserver;

/**
 * A resource within its API group, as upstream's schema.GroupResource; {@link #toString()} is the form
 * error messages use: "pods" for the core group, "deployments.apps" otherwise.
 */
public record GroupResource(String group, String resource) {

    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
