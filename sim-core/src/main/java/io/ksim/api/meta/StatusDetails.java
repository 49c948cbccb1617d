package io.ksim.api.meta;

import java.util.List;

/**
 * What a failure is about (metav1.StatusDetails). For NotFound, AlreadyExists, Conflict and Forbidden,
 * {@code kind} holds the resource ("pods"), as upstream fills it; for Invalid it holds the kind ("Pod").
 */
public record StatusDetails(String name, String group, String kind, String uid, List<StatusCause> causes,
        Integer retryAfterSeconds) {

    public StatusDetails {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }
}
