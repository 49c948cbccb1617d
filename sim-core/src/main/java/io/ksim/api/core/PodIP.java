package io.ksim.api.core;

/** One IP address of a pod (core/v1 PodIP). */
public record PodIP(String ip) {
}
