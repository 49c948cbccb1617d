package io.ksim.client;

import io.ksim.api.core.Event;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Records Events about objects, as client-go's event recorder does for every component: each event is an
 * Event object in the involved object's namespace ("default" for cluster-scoped objects), named
 * {@code <object name>.<unix nanoseconds in hex>}, with the component as source. The same event again
 * (same object, type, reason and message) within 10 minutes is not a new object: its count goes up and its
 * lastTimestamp moves, as the event correlator does. Each event is also a trace line.
 *
 * <p>Simplification: client-go also folds more than 10 similar events (same reason, other messages) into
 * one "(combined from similar events)" event, and rate-limits per object; ksim does neither.
 */
public final class EventRecorder {

    /** client-go's defaultAggregateIntervalInSeconds: identical events within this window are counted. */
    public static final Duration AGGREGATE_WINDOW = Duration.ofMinutes(10);

    private final Kernel kernel;
    private final ApiServer api;
    private final String component;
    private final String host;
    /** (object uid, type, reason, message) -> the Event that counts it. Lookups only. */
    private final Map<String, Event> recent = new HashMap<>();

    public EventRecorder(Kernel kernel, ApiServer api, String component, String host) {
        this.kernel = kernel;
        this.api = api;
        this.component = component;
        this.host = host;
    }

    /** Records a Normal event. */
    public void normal(KubeObject involved, String reason, String message) {
        event(involved, Event.TYPE_NORMAL, reason, message);
    }

    /** Records a Warning event. */
    public void warning(KubeObject involved, String reason, String message) {
        event(involved, Event.TYPE_WARNING, reason, message);
    }

    public void event(KubeObject involved, String type, String reason, String message) {
        ObjectMeta m = involved.metadata();
        String objectName = (m.namespace() == null ? "" : m.namespace() + "/") + m.name();
        kernel.trace().record(component, reason, objectName, message);
        String namespace = m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
        Instant now = kernel.instant().truncatedTo(ChronoUnit.SECONDS);
        String key = m.uid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        Event seen = recent.get(key);
        if (seen != null && !seen.lastTimestamp().plus(AGGREGATE_WINDOW).isBefore(now)) {
            Event counted = new Event(null, null, seen.metadata().withResourceVersion(null), seen.involvedObject(),
                    reason, message, seen.source(), seen.firstTimestamp(), now, seen.count() + 1, type, null, null, null,
                    null, component, host);
            try {
                recent.put(key, api.update(BuiltinResources.EVENTS, counted));
                return;
            } catch (ApiException gone) {
                // The event was deleted meanwhile (events expire): record a new one.
            }
        }
        ObjectReference ref = new ObjectReference(involved.kind(), m.namespace(), m.name(), m.uid(), involved.apiVersion(),
                m.resourceVersion(), null);
        long nanos = kernel.instant().getEpochSecond() * 1_000_000_000L + kernel.instant().getNano();
        // Several events about one object at one virtual instant would share a name; as the real clock
        // would have moved on, the next nanosecond is taken.
        for (int attempt = 0; ; attempt++) {
            Event event = new Event(null, null, ObjectMeta.of(namespace, m.name() + "." + Long.toHexString(nanos + attempt)),
                    ref, reason, message, new Event.EventSource(component, host), now, now, 1, type, null, null, null,
                    null, component, host);
            try {
                recent.put(key, api.create(BuiltinResources.EVENTS, namespace, event));
                return;
            } catch (ApiException refused) {
                if (refused.code() == 409 && attempt < 1000) {
                    continue;
                }
                // As client-go, a refused event (its namespace is terminating, say) is dropped, not retried.
                kernel.trace().record(component, "EventDropped", objectName, refused.getMessage());
                return;
            }
        }
    }
}
