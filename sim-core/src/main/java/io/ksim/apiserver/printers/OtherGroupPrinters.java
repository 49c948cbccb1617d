package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.name;

import io.ksim.api.coordination.Lease;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.scheduling.PriorityClass;
import java.util.List;

/** The small groups: policy (PodDisruptionBudgets), coordination (Leases), scheduling (PriorityClasses). */
final class OtherGroupPrinters {

    private OtherGroupPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, PodDisruptionBudget.class, List.of(name(),
                col("Min Available", "string", "The minimum number of pods that must be available."),
                col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
                col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
                age()),
                (pdb, now) -> List.of(pdb.metadata().name(),
                        pdb.spec().minAvailable() == null ? "N/A" : pdb.spec().minAvailable().toString(),
                        pdb.spec().maxUnavailable() == null ? "N/A" : pdb.spec().maxUnavailable().toString(),
                        Integer.toString(pdb.status() == null ? 0 : pdb.status().disruptionsAllowed()),
                        HumanDuration.since(pdb.metadata().creationTimestamp(), now)));
        Printer.register(p, Lease.class, List.of(name(), doc("Holder", "string", "LeaseSpec.holderIdentity"), age()),
                (l, now) -> List.of(l.metadata().name(), l.spec() == null ? "" : Cells.str(l.spec().holderIdentity()),
                        HumanDuration.since(l.metadata().creationTimestamp(), now)));
        Printer.register(p, PriorityClass.class, List.of(name(),
                doc("Value", "integer", "PriorityClass.value"),
                doc("Global-Default", "boolean", "PriorityClass.globalDefault"),
                age(),
                // Not a wide column: upstream adds the cell only when printing wide, which the server always does.
                doc("PreemptionPolicy", "string", "PriorityClass.preemptionPolicy")),
                (pc, now) -> List.of(pc.metadata().name(), Integer.toString(pc.value()),
                        Boolean.toString(Boolean.TRUE.equals(pc.globalDefault())),
                        HumanDuration.since(pc.metadata().creationTimestamp(), now), Cells.str(pc.preemptionPolicy())));
    }
}
