package io.ksim.node;

import io.ksim.api.meta.KubeObject;
import io.ksim.client.EventRecorder;
import java.util.function.BooleanSupplier;

/**
 * The kubelet's event recorder: events reach the API server only while the node can reach it. An event
 * recorded during a network partition is lost (simplification: client-go's broadcaster retries a write up
 * to 12 times, 10 s apart, before it drops it).
 */
final class KubeletEvents {

    private final EventRecorder recorder;
    private final BooleanSupplier connected;

    KubeletEvents(EventRecorder recorder, BooleanSupplier connected) {
        this.recorder = recorder;
        this.connected = connected;
    }

    void normal(KubeObject involved, String reason, String message) {
        if (connected.getAsBoolean()) {
            recorder.normal(involved, reason, message);
        }
    }

    void warning(KubeObject involved, String reason, String message) {
        if (connected.getAsBoolean()) {
            recorder.warning(involved, reason, message);
        }
    }
}
