package io.ksim.api.core;

/** One lifecycle hook (core/v1 LifecycleHandler): exec, httpGet, tcpSocket (deprecated) or sleep. */
public record LifecycleHandler(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, SleepAction sleep) {
}
