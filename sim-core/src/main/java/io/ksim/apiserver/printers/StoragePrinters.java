package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.list;
import static io.ksim.apiserver.printers.Cells.map;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Volumes: PersistentVolumes, PersistentVolumeClaims, StorageClasses and CSINodes. */
final class StoragePrinters {

    /** The annotation that still wins over {@code storageClassName} when a volume or claim has it. */
    static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

    private StoragePrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, PersistentVolume.class, List.of(name(),
                doc("Capacity", "string", "PersistentVolumeSpec.capacity"),
                doc("Access Modes", "string", "PersistentVolumeSpec.accessModes"),
                doc("Reclaim Policy", "string", "PersistentVolumeSpec.persistentVolumeReclaimPolicy"),
                doc("Status", "string", "PersistentVolumeStatus.phase"),
                doc("Claim", "string", "PersistentVolumeSpec.claimRef"),
                col("StorageClass", "string", "StorageClass of the pv"),
                col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
                doc("Reason", "string", "PersistentVolumeStatus.reason"),
                age(), wideDoc("VolumeMode", "string", "PersistentVolumeSpec.volumeMode")),
                StoragePrinters::persistentVolume);
        Printer.register(p, PersistentVolumeClaim.class, List.of(name(),
                doc("Status", "string", "PersistentVolumeClaimStatus.phase"),
                doc("Volume", "string", "PersistentVolumeClaimSpec.volumeName"),
                doc("Capacity", "string", "PersistentVolumeClaimStatus.capacity"),
                doc("Access Modes", "string", "PersistentVolumeClaimStatus.accessModes"),
                col("StorageClass", "string", "StorageClass of the pvc"),
                col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
                age(), wideDoc("VolumeMode", "string", "PersistentVolumeClaimSpec.volumeMode")),
                StoragePrinters::claim);
        Printer.register(p, StorageClass.class, List.of(name(),
                doc("Provisioner", "string", "StorageClass.provisioner"),
                doc("ReclaimPolicy", "string", "StorageClass.reclaimPolicy"),
                doc("VolumeBindingMode", "string", "StorageClass.volumeBindingMode"),
                doc("AllowVolumeExpansion", "string", "StorageClass.allowVolumeExpansion"), age()),
                (sc, now) -> List.of(isDefault(sc.metadata()) ? sc.metadata().name() + " (default)" : sc.metadata().name(),
                        Cells.str(sc.provisioner()), sc.reclaimPolicy() == null ? "Delete" : sc.reclaimPolicy(),
                        sc.volumeBindingMode() == null ? "Immediate" : sc.volumeBindingMode(),
                        Boolean.toString(Boolean.TRUE.equals(sc.allowVolumeExpansion())),
                        HumanDuration.since(sc.metadata().creationTimestamp(), now)));
        registerCsiNode(p);
    }

    /** printCSINode: the number of drivers, an integer cell. */
    private static void registerCsiNode(ServerPrinters p) {
        Printer.register(p, CSINode.class, List.of(name(),
                col("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"), age()),
                (n, now) -> List.of(n.metadata().name(), Integer.toString(n.spec().driverList().size()),
                        HumanDuration.since(n.metadata().creationTimestamp(), now)));
    }

    private static List<String> persistentVolume(PersistentVolume pv, Instant now) {
        PersistentVolume.PersistentVolumeSpec spec = pv.spec();
        String claim = spec.claimRef() == null ? ""
                : Cells.str(spec.claimRef().namespace()) + "/" + Cells.str(spec.claimRef().name());
        String phase = pv.metadata().deletionTimestamp() != null ? "Terminating"
                : pv.status() == null ? "" : Cells.str(pv.status().phase());
        String storageClass = map(pv.metadata().annotations()).getOrDefault(BETA_STORAGE_CLASS,
                Cells.str(spec.storageClassName()));
        return List.of(pv.metadata().name(), storage(spec.capacity()), accessModes(spec.accessModes()),
                Cells.str(spec.persistentVolumeReclaimPolicy()), phase, claim, storageClass,
                orUnset(spec.volumeAttributesClassName()), pv.status() == null ? "" : Cells.str(pv.status().reason()),
                HumanDuration.since(pv.metadata().creationTimestamp(), now), orUnset(spec.volumeMode()));
    }

    /** Capacity and access modes come from the status, and only once the claim names its volume. */
    private static List<String> claim(PersistentVolumeClaim pvc, Instant now) {
        PersistentVolumeClaim.PersistentVolumeClaimSpec spec = pvc.spec();
        PersistentVolumeClaim.PersistentVolumeClaimStatus st = pvc.status();
        String phase = pvc.metadata().deletionTimestamp() != null ? "Terminating"
                : st == null ? "" : Cells.str(st.phase());
        String capacity = "";
        String modes = "";
        if (spec.volumeName() != null && !spec.volumeName().isEmpty()) {
            modes = accessModes(st == null ? null : st.accessModes());
            capacity = storage(st == null ? null : st.capacity());
        }
        String storageClass = map(pvc.metadata().annotations()).getOrDefault(BETA_STORAGE_CLASS,
                Cells.str(spec.storageClassName()));
        return List.of(pvc.metadata().name(), phase, Cells.str(spec.volumeName()), capacity, modes, storageClass,
                orUnset(spec.volumeAttributesClassName()), HumanDuration.since(pvc.metadata().creationTimestamp(), now),
                orUnset(spec.volumeMode()));
    }

    private static String storage(Map<String, Quantity> resources) {
        Quantity q = map(resources).get("storage");
        return q == null ? "0" : q.toString();
    }

    /** The modes abbreviated, always in the order RWO, ROX, RWX, RWOP, whatever order the object lists them. */
    static String accessModes(List<String> modes) {
        LinkedHashSet<String> have = new LinkedHashSet<>(list(modes));
        List<String> out = new ArrayList<>();
        if (have.contains("ReadWriteOnce")) {
            out.add("RWO");
        }
        if (have.contains("ReadOnlyMany")) {
            out.add("ROX");
        }
        if (have.contains("ReadWriteMany")) {
            out.add("RWX");
        }
        if (have.contains("ReadWriteOncePod")) {
            out.add("RWOP");
        }
        return String.join(",", out);
    }

    private static String orUnset(String s) {
        return s == null ? Cells.UNSET : s;
    }

    static boolean isDefault(ObjectMeta meta) {
        Map<String, String> a = map(meta.annotations());
        return "true".equals(a.get(DEFAULT_CLASS)) || "true".equals(a.get(BETA_DEFAULT_CLASS));
    }
}
