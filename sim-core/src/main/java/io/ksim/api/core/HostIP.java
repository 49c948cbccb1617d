package io.ksim.api.core;

/** One IP address of the node a pod runs on (core/v1 HostIP). */
public record HostIP(String ip) {
}
