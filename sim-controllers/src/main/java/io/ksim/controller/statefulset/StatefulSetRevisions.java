package io.ksim.controller.statefulset;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.history.ControllerHistory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The current and update revisions of a StatefulSet (upstream getStatefulSetRevisions and truncateHistory).
 * The update revision is the set's template: the newest stored revision if it holds that template, an older
 * equal revision renumbered to the next number (a rollback), or a new revision; a name clash with other
 * data bumps {@code collisionCount} and hashes again. The current revision is the one
 * {@code status.currentRevision} names, or the update revision for a new set.
 */
final class StatefulSetRevisions {

    /** The outcome: both revisions and the collision count to write into the status. */
    record Revisions(ControllerRevision current, ControllerRevision update, int collisionCount) {
    }

    private final ApiServer api;

    StatefulSetRevisions(ApiServer api) {
        this.api = api;
    }

    Revisions resolve(StatefulSet set, List<ControllerRevision> owned) {
        List<ControllerRevision> revisions = ControllerHistory.sorted(owned);
        int collisionCount = set.status().collisionCount() == null ? 0 : set.status().collisionCount();
        ControllerRevision wanted = StatefulSetUtils.newRevision(set, ControllerHistory.nextRevision(revisions),
                collisionCount);
        List<ControllerRevision> equal = ControllerHistory.findEqual(revisions, wanted);
        ControllerRevision update;
        if (!equal.isEmpty() && equal.get(equal.size() - 1).equals(revisions.get(revisions.size() - 1))) {
            update = revisions.get(revisions.size() - 1);
        } else if (!equal.isEmpty()) {
            ControllerRevision old = equal.get(equal.size() - 1);
            update = api.update(BuiltinResources.CONTROLLER_REVISIONS, old.withRevision(wanted.revision()));
        } else {
            int[] count = {collisionCount};
            update = create(set, wanted, count);
            collisionCount = count[0];
        }
        ControllerRevision current = null;
        for (ControllerRevision r : revisions) {
            if (r.metadata().name().equals(set.status().currentRevision())) {
                current = r;
            }
        }
        return new Revisions(current == null ? update : current, update, collisionCount);
    }

    /** Upstream CreateControllerRevision: on a clash with different data, count the collision and rehash. */
    private ControllerRevision create(StatefulSet set, ControllerRevision wanted, int[] collisionCount) {
        while (true) {
            ControllerRevision candidate = StatefulSetUtils.newRevision(set, wanted.revision(), collisionCount[0]);
            try {
                return api.create(BuiltinResources.CONTROLLER_REVISIONS, set.metadata().namespace(), candidate);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                ControllerRevision existing = api.get(BuiltinResources.CONTROLLER_REVISIONS,
                        set.metadata().namespace(), candidate.metadata().name());
                if (existing.data().equals(candidate.data())) {
                    return existing;
                }
                collisionCount[0]++;
            }
        }
    }

    /**
     * Deletes the oldest revisions beyond {@code revisionHistoryLimit}, never one a pod still runs nor the
     * current or update revision (upstream truncateHistory).
     */
    void truncate(StatefulSet set, List<Pod> pods, List<ControllerRevision> owned, ControllerRevision current,
            ControllerRevision update) {
        Set<String> live = new HashSet<>();
        live.add(current.metadata().name());
        live.add(update.metadata().name());
        for (Pod p : pods) {
            String r = StatefulSetUtils.revisionOf(p);
            if (r != null) {
                live.add(r);
            }
        }
        List<ControllerRevision> history = ControllerHistory.sorted(owned).stream()
                .filter(r -> !live.contains(r.metadata().name())).toList();
        ControllerHistory.truncate(api, history, set.spec().revisionHistoryLimit());
    }
}
