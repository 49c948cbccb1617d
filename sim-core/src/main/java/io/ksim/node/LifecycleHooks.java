package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Pod;
import java.time.Duration;

/**
 * Runs a postStart or preStop hook against a simulated container and says how it went, with upstream's
 * failure texts (pkg/kubelet/lifecycle/handlers.go Run):
 * <pre>
 * exec     Exec lifecycle hook ([sh -c notify]) for Container "web" in Pod "web-1_default(&lt;uid&gt;)" failed -
 *          error: command 'sh -c notify' exited with 1: , message: ""
 * httpGet  HTTP lifecycle hook (/hook) for Container "web" in Pod "web-1_default(&lt;uid&gt;)" failed -
 *          error: Get "http://10.244.1.2:8080/hook": dial tcp 10.244.1.2:8080: connect: connection refused
 * sleep    never fails; takes its seconds
 * </pre>
 * An exec or httpGet hook takes the image's {@code poststart=} / {@code prestop=} time, or fails at once with
 * {@code fail}. A tcpSocket hook (deprecated, and not run by the kubelet) does nothing.
 */
final class LifecycleHooks {

    /** A hook's run: how long it took and, if it failed, the message of the FailedPostStartHook/FailedPreStopHook event. */
    record Run(Duration took, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private LifecycleHooks() {
    }

    static Run run(LifecycleHandler handler, ImageModel.Hook behaviour, Container container, Pod pod, String podIP) {
        if (handler.sleep() != null) {
            return new Run(Duration.ofSeconds(handler.sleep().seconds()), null);
        }
        if (handler.exec() == null && handler.httpGet() == null) {
            return new Run(Duration.ZERO, null);
        }
        if (!behaviour.fails()) {
            return new Run(behaviour.duration(), null);
        }
        String where = " for Container \"" + container.name() + "\" in Pod \"" + podName(pod) + "\" failed - error: ";
        if (handler.exec() != null) {
            String command = String.join(" ", handler.exec().command());
            return new Run(Duration.ZERO, "Exec lifecycle hook ([" + command + "])" + where + "command '" + command
                    + "' exited with 1: , message: \"\"");
        }
        String url = ProbeRunner.url(handler.httpGet(), container, podIP);
        String hostPort = url.substring(url.indexOf("://") + 3);
        hostPort = hostPort.contains("/") ? hostPort.substring(0, hostPort.indexOf('/')) : hostPort;
        return new Run(Duration.ZERO, "HTTP lifecycle hook (" + (handler.httpGet().path() == null ? ""
                : handler.httpGet().path()) + ")" + where + "Get \"" + url + "\": dial tcp " + hostPort
                + ": connect: connection refused");
    }

    /** The kubelet's format.Pod: name_namespace(uid). */
    static String podName(Pod pod) {
        return pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")";
    }
}
