package io.ksim.api.validation;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimStatus;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.resource.Quantity;
import io.ksim.api.selector.LabelSelectorValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PersistentVolumeClaims as upstream's ValidatePersistentVolumeClaim(Update) checks them: access modes given
 * ({@code spec.accessModes: Required value: at least 1 access mode is required}) and known, a positive storage
 * request ({@code spec.resources[storage]: Required value}), a valid class name and volume mode; on update the
 * spec is immutable except the storage request (and volumeAttributesClassName) of a bound claim, and a
 * volumeName set once. Upstream appends a diff of the specs to the immutability message; ksim leaves it out.
 */
public final class PersistentVolumeClaimValidation {

    private PersistentVolumeClaimValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");
    /** Sorted, as upstream lists its sets. */
    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
    static final String SPEC_IMMUTABLE = "spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims";

    public static List<FieldError> validate(PersistentVolumeClaimSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec.accessModes().isEmpty()) {
            errs.add(FieldError.required(SPEC.child("accessModes"), "at least 1 access mode is required"));
        }
        LabelSelector selector = spec.selector();
        if (selector != null) {
            errs.addAll(LabelSelectorValidation.validate(selector.matchLabels(), selector.matchExpressions(),
                    LabelSelectorValidation.Options.DEFAULT, SPEC.child("selector")));
        }
        boolean rwop = false;
        boolean other = false;
        for (String mode : spec.accessModes()) {
            if (!ACCESS_MODES.contains(mode)) {
                errs.add(FieldError.notSupported(SPEC.child("accessModes"), mode, ACCESS_MODES));
            }
            if (mode.equals("ReadWriteOncePod")) {
                rwop = true;
            } else if (ACCESS_MODES.contains(mode)) {
                other = true;
            }
        }
        if (rwop && other) {
            errs.add(FieldError.forbidden(SPEC.child("accessModes"), "may not use ReadWriteOncePod with other access modes"));
        }
        FieldPath storagePath = SPEC.child("resources").key("storage");
        Quantity storage = requests(spec).get("storage");
        if (storage == null) {
            errs.add(FieldError.required(storagePath, ""));
        } else if (storage.signum() <= 0) {
            errs.add(FieldError.invalid(storagePath, storage.toString(), "must be greater than zero"));
        }
        String sc = spec.storageClassName();
        if (sc != null && !sc.isEmpty()) {
            NameValidation.isDns1123Subdomain(sc).forEach(m -> errs.add(FieldError.invalid(SPEC.child("storageClassName"), sc, m)));
        }
        if (spec.volumeMode() != null && !VOLUME_MODES.contains(spec.volumeMode())) {
            errs.add(FieldError.notSupported(SPEC.child("volumeMode"), spec.volumeMode(), VOLUME_MODES));
        }
        return errs;
    }

    /** The update rules, then the new claim's own checks first as upstream orders them. */
    public static List<FieldError> validateUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        List<FieldError> errs = new ArrayList<>(validate(pvc.spec()));
        PersistentVolumeClaimSpec now = pvc.spec();
        PersistentVolumeClaimSpec was = old.spec();
        // volumeName may be set once (by the binder); a bound claim may change its storage request.
        if (was.volumeName() == null || was.volumeName().isEmpty()) {
            was = was.withVolumeName(now.volumeName());
        }
        // Retroactive default StorageClass (GA in 1.28): a claim created without a class may get one, once, unless
        // it carries the beta class annotation.
        if (was.storageClassName() == null && now.storageClassName() != null && !now.storageClassName().isEmpty()
                && !old.metadata().annotations().containsKey("volume.beta.kubernetes.io/storage-class")) {
            was = new PersistentVolumeClaimSpec(was.accessModes(), was.selector(), was.resources(), was.volumeName(),
                    now.storageClassName(), was.volumeMode(), was.dataSource(), was.dataSourceRef(),
                    was.volumeAttributesClassName());
        }
        boolean bound = PersistentVolumeClaimStatus.BOUND.equals(pvc.status().phase());
        PersistentVolumeClaimSpec comparable = now;
        if (bound) {
            Map<String, Quantity> req = new TreeMap<>(requests(now));
            Quantity oldStorage = requests(old.spec()).get("storage");
            if (oldStorage == null) {
                req.remove("storage");
            } else {
                req.put("storage", oldStorage);
            }
            comparable = new PersistentVolumeClaimSpec(now.accessModes(), now.selector(),
                    new PersistentVolumeClaim.VolumeResourceRequirements(now.resources().limits(), new TreeMap<>(req)),
                    now.volumeName(), now.storageClassName(), now.volumeMode(), now.dataSource(), now.dataSourceRef(),
                    was.volumeAttributesClassName());
        }
        if (!comparable.equals(was)) {
            errs.add(FieldError.forbidden(SPEC, SPEC_IMMUTABLE));
        }
        Quantity newSize = requests(now).get("storage");
        Quantity oldSize = requests(old.spec()).get("storage");
        Quantity statusSize = old.status().capacity() == null ? null : old.status().capacity().get("storage");
        // RecoverVolumeExpansionFailure (beta, on in 1.32): shrinking is allowed down to just above status.capacity.
        if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0
                && newSize.compareTo(statusSize == null ? Quantity.ZERO : statusSize) <= 0) {
            errs.add(FieldError.forbidden(SPEC.child("resources", "requests", "storage"),
                    "field can not be less than status.capacity"));
        }
        return errs;
    }

    private static Map<String, Quantity> requests(PersistentVolumeClaimSpec spec) {
        return spec.resources() == null || spec.resources().requests() == null ? Map.of() : spec.resources().requests();
    }
}
