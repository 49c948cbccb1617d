package io.ksim.controller.nodelifecycle;

/**
 * The health of one zone as the node lifecycle controller sees it (upstream ZoneState and
 * ComputeZoneState): with no ready node and some not-ready one the zone is fully disrupted; with more than
 * two not-ready nodes making up at least the unhealthy-zone threshold it is partially disrupted.
 */
public enum ZoneState {
    INITIAL("Initial"), NORMAL("Normal"), FULL_DISRUPTION("FullDisruption"), PARTIAL_DISRUPTION("PartialDisruption");

    private final String upstreamName;

    ZoneState(String upstreamName) {
        this.upstreamName = upstreamName;
    }

    /** The name upstream logs and reports in its metrics. */
    public String upstreamName() {
        return upstreamName;
    }

    /** The state of a zone with {@code ready} ready and {@code notReady} not-ready nodes. */
    public static ZoneState compute(int ready, int notReady, double unhealthyZoneThreshold) {
        if (ready == 0 && notReady > 0) {
            return FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
            return PARTIAL_DISRUPTION;
        }
        return NORMAL;
    }
}
