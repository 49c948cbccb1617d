package io.ksim.node;

import io.ksim.api.meta.KubeObject;
import io.ksim.client.EventRecorder;
import io.ksim.kernel.Trace;
import java.util.function.BooleanSupplier;

/**
 * The kubelet's event recorder: events reach the API server only while the node can reach it. An event
 * recorded during a network partition is lost (simplification: client-go's broadcaster retries a write up
 * to 12 times, 10 s apart, before it drops it), but it stays in the trace, marked undelivered, so that what
 * the node did while cut off can be read.
 */
final class KubeletEvents {

    private final EventRecorder recorder;
    private final BooleanSupplier connected;
    private final Trace trace;
    private final String component;

    KubeletEvents(EventRecorder recorder, BooleanSupplier connected, Trace trace, String component) {
        this.recorder = recorder;
        this.connected = connected;
        this.trace = trace;
        this.component = component;
    }

    void normal(KubeObject involved, String reason, String message) {
        if (connected.getAsBoolean()) {
            recorder.normal(involved, reason, message);
        } else {
            undelivered(involved, reason, message);
        }
    }

    void warning(KubeObject involved, String reason, String message) {
        if (connected.getAsBoolean()) {
            recorder.warning(involved, reason, message);
        } else {
            undelivered(involved, reason, message);
        }
    }

    private void undelivered(KubeObject involved, String reason, String message) {
        String object = (involved.metadata().namespace() == null ? "" : involved.metadata().namespace() + "/")
                + involved.metadata().name();
        trace.record(component, reason, object, message + " (event not delivered: no API server)");
    }
}
