package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;

/**
 * Something that happened to an object (core/v1 Event), as components record it and {@code kubectl
 * describe} and {@code kubectl get events} print it. Repeats of the same event raise {@code count} and
 * {@code lastTimestamp}; the newer series fields ({@code eventTime}, {@code series}, {@code action},
 * {@code reportingComponent}) are set by events.k8s.io recorders.
 */
public record Event(String apiVersion, String kind, ObjectMeta metadata, ObjectReference involvedObject,
        String reason, String message, EventSource source, Instant firstTimestamp, Instant lastTimestamp,
        Integer count, String type, MicroTime eventTime, EventSeries series, String action, ObjectReference related,
        String reportingComponent, String reportingInstance) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Event";

    public static final String TYPE_NORMAL = "Normal";
    public static final String TYPE_WARNING = "Warning";

    public Event {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    @Override
    public Event withMetadata(ObjectMeta newMetadata) {
        return new Event(apiVersion, kind, newMetadata, involvedObject, reason, message, source, firstTimestamp,
                lastTimestamp, count, type, eventTime, series, action, related, reportingComponent,
                reportingInstance);
    }

    /** The same event seen once more at {@code now}: count + 1 and a new lastTimestamp, as the recorder does. */
    public Event repeated(Instant now) {
        int seen = count == null ? 1 : count;
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, now,
                seen + 1, type, eventTime, series, action, related, reportingComponent, reportingInstance);
    }

    /** core/v1 EventSource: the component and host that reported the event. */
    public record EventSource(String component, String host) {
    }

    /** core/v1 EventSeries. */
    public record EventSeries(Integer count, MicroTime lastObservedTime) {
    }
}
