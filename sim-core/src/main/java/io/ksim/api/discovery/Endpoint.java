package io.ksim.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.ObjectReference;
import java.util.List;
import java.util.SortedMap;

/**
 * One backend of an EndpointSlice (discovery/v1 Endpoint): its addresses (consumers use the first),
 * conditions, the pod it is ({@code targetRef}), and where it runs ({@code nodeName}, {@code zone}).
 * {@code deprecatedTopology} is the v1beta1 topology map, kept for round trips only. {@code conditions} is
 * never null (a Go struct): an absent one has all three unknown.
 */
public record Endpoint(List<String> addresses, EndpointConditions conditions,
        @JsonInclude(Include.NON_NULL) String hostname, ObjectReference targetRef,
        SortedMap<String, String> deprecatedTopology, @JsonInclude(Include.NON_NULL) String nodeName,
        @JsonInclude(Include.NON_NULL) String zone, EndpointHints hints) {

    public Endpoint {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        conditions = conditions == null ? EndpointConditions.UNKNOWN : conditions;
        deprecatedTopology = deprecatedTopology == null ? ImmutableSortedMap.of()
                : ImmutableSortedMap.copyOfSorted(deprecatedTopology);
    }

    /**
     * The readiness of an endpoint. A null {@code ready} or {@code serving} is to be read as true, a null
     * {@code terminating} as false (upstream's documented interpretation); see the is* helpers.
     */
    public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating) {

        /** No condition known (what an absent {@code conditions} is). */
        public static final EndpointConditions UNKNOWN = new EndpointConditions(null, null, null);

        /** {@code ready}, with null read as true. */
        public boolean isReady() {
            return ready == null || ready;
        }

        /** {@code serving}, with null read as true. */
        public boolean isServing() {
            return serving == null || serving;
        }

        /** {@code terminating}, with null read as false. */
        public boolean isTerminating() {
            return terminating != null && terminating;
        }
    }

    /** Topology-aware routing hints: the zones that should consume this endpoint. */
    public record EndpointHints(List<ForZone> forZones) {

        public EndpointHints {
            forZones = forZones == null ? List.of() : List.copyOf(forZones);
        }
    }

    /** A zone named by a hint. */
    public record ForZone(String name) {
    }
}
