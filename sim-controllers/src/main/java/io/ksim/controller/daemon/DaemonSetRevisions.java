package io.ksim.controller.daemon;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.Opaque;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.history.ControllerHistory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A DaemonSet's ControllerRevisions (upstream pkg/controller/daemon/update.go constructHistory and
 * cleanupHistory): the template is stored as the patch {@code {"spec":{"template":{...,"$patch":"replace"}}}}
 * in a revision {@code <ds>-<hash>}; its pods carry the hash in {@code controller-revision-hash}. A template
 * seen before reuses its revision with the next number; history beyond {@code revisionHistoryLimit} (10)
 * goes, except revisions pods still run.
 */
final class DaemonSetRevisions {

    private final ApiServer api;

    DaemonSetRevisions(ApiServer api) {
        this.api = api;
    }

    static Opaque patch(DaemonSet ds) {
        return ControllerHistory.templatePatch(ds.spec().template());
    }

    /** The revision of the current template, made or renumbered as needed. */
    ControllerRevision current(DaemonSet ds, List<ControllerRevision> owned) {
        List<ControllerRevision> revisions = ControllerHistory.sorted(owned);
        int collisions = ds.status().collisionCount() == null ? 0 : ds.status().collisionCount();
        Opaque data = patch(ds);
        long next = ControllerHistory.nextRevision(revisions);
        ControllerRevision wanted = ControllerHistory.newRevision(ds, ds.spec().template().metadata().labels(), data,
                next, collisions);
        List<ControllerRevision> equal = ControllerHistory.findEqual(revisions, wanted);
        if (!equal.isEmpty()) {
            ControllerRevision found = equal.get(equal.size() - 1);
            if (found.equals(revisions.get(revisions.size() - 1))) {
                return found;
            }
            return api.update(BuiltinResources.CONTROLLER_REVISIONS, found.withRevision(next));
        }
        try {
            return api.create(BuiltinResources.CONTROLLER_REVISIONS, ds.metadata().namespace(), wanted);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            ControllerRevision existing = api.get(BuiltinResources.CONTROLLER_REVISIONS, ds.metadata().namespace(),
                    wanted.metadata().name());
            if (existing.data().equals(data)) {
                return existing;
            }
            // A clash with another template: count it, so that the next sync hashes differently.
            DaemonSet fresh = api.get(BuiltinResources.DAEMON_SETS, ds.metadata().namespace(), ds.metadata().name());
            var s = fresh.status();
            api.updateStatus(BuiltinResources.DAEMON_SETS, fresh.withStatus(new DaemonSet.DaemonSetStatus(
                    s.currentNumberScheduled(), s.numberMisscheduled(), s.desiredNumberScheduled(), s.numberReady(),
                    s.observedGeneration(), s.updatedNumberScheduled(), s.numberAvailable(), s.numberUnavailable(),
                    collisions + 1, s.conditions())));
            throw e;
        }
    }

    void cleanup(DaemonSet ds, List<Pod> pods, List<ControllerRevision> owned, ControllerRevision current) {
        Set<String> liveHashes = new HashSet<>();
        for (Pod p : pods) {
            String h = p.metadata().labels().get(DaemonSetController.REVISION_LABEL);
            if (h != null) {
                liveHashes.add(h);
            }
        }
        List<ControllerRevision> history = ControllerHistory.sorted(owned).stream()
                .filter(r -> !r.metadata().name().equals(current.metadata().name()))
                .filter(r -> !liveHashes.contains(r.metadata().labels().get(ControllerHistory.HASH_LABEL)))
                .toList();
        ControllerHistory.truncate(api, history, ds.spec().revisionHistoryLimit());
    }
}
