package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.scheduler.TestObjects;
import io.ksim.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Preemption's split of victims by PodDisruptionBudget over random pods and budgets: every pod lands in
 * exactly one group, in the order given, and the pods left out of the violating group never take any
 * budget below zero (counting only pods the budget selects and has not yet recorded as disrupted).
 */
class PdbViolationsProperties {

    private static final List<String> APPS = List.of("a", "b", "c");

    @Property(tries = 300)
    void nonViolatingVictimsStayWithinEveryBudget(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PodInfo> pods = new ArrayList<>();
        int numPods = r.nextInt(8);
        for (int i = 0; i < numPods; i++) {
            TestObjects.PodBuilder b = pod("p" + i).namespace(r.nextInt(4) == 0 ? "other" : "default");
            if (r.nextInt(5) > 0) {
                b.label("app", APPS.get(r.nextInt(APPS.size())));
            }
            if (r.nextBoolean()) {
                b.label("tier", r.nextBoolean() ? "web" : "db");
            }
            pods.add(PodInfo.of(b.build()));
        }
        List<PodDisruptionBudget> pdbs = new ArrayList<>();
        int numPdbs = r.nextInt(4);
        for (int i = 0; i < numPdbs; i++) {
            Map<String, String> sel = r.nextBoolean() ? Map.of("app", APPS.get(r.nextInt(APPS.size())))
                    : Map.of("tier", "web");
            TreeMap<String, Instant> disrupted = new TreeMap<>();
            if (numPods > 0 && r.nextInt(3) == 0) {
                disrupted.put("p" + r.nextInt(numPods), Instant.EPOCH);
            }
            pdbs.add(new PodDisruptionBudget(ObjectMeta.of("default", "pdb-" + i),
                    new PodDisruptionBudget.PodDisruptionBudgetSpec(null, LabelSelector.matchLabels(sel), null, null))
                    .withStatus(new PodDisruptionBudget.PodDisruptionBudgetStatus(null, disrupted, r.nextInt(3), 0, 0,
                            0, null)));
        }
        PdbViolations split = PdbViolations.split(pods, pdbs);
        List<PodInfo> merged = new ArrayList<>();
        for (PodInfo p : pods) {
            if (split.violating().contains(p) || split.nonViolating().contains(p)) {
                merged.add(p);
            }
        }
        assertEquals(pods, merged);
        assertEquals(pods.size(), split.violating().size() + split.nonViolating().size());
        for (PodDisruptionBudget pdb : pdbs) {
            long used = split.nonViolating().stream().filter(p -> counts(pdb, p)).count();
            assertTrue(used <= pdb.status().disruptionsAllowed(), pdb + " over its budget with " + split);
        }
    }

    private static boolean counts(PodDisruptionBudget pdb, PodInfo p) {
        Map<String, String> labels = p.pod().metadata().labels();
        return !labels.isEmpty() && "default".equals(p.pod().metadata().namespace())
                && pdb.spec().selector().matchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                && !pdb.status().disruptedPods().containsKey(p.pod().metadata().name());
    }
}
