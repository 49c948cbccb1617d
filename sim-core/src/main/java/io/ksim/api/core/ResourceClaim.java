package io.ksim.api.core;

/** A use of one of the pod's resource claims by a container (core/v1 ResourceClaim). */
public record ResourceClaim(String name, String request) {
}
