package io.ksim.scheduler.framework;

import java.util.Set;

/**
 * A scheduling plugin (upstream framework.Plugin). A plugin implements only the extension points it
 * needs, each a small interface in this package; the framework calls them in the profile's order.
 */
public interface Plugin {

    /** The plugin's upstream name, e.g. "NodeResourcesFit"; it is what reasons and explanations cite. */
    String name();

    /**
     * The cluster events after which a pod this plugin rejected may fit (upstream EventsToRegister). A
     * pod waiting among the unschedulable ones is moved back to be retried when one of these happens.
     */
    default Set<ClusterEvent> events() {
        return Set.of();
    }
}
