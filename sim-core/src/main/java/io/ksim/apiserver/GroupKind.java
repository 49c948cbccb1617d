package io.ksim.apiserver;

/** A kind within its API group; prints as "Pod" or "Deployment.apps", as in Invalid errors. */
public record GroupKind(String group, String kind) {

    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
