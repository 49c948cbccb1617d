package io.ksim.api.validation;

import io.ksim.api.core.ConfigMapVolumeSource;
import io.ksim.api.core.HostPathVolumeSource;
import io.ksim.api.core.KeyToPath;
import io.ksim.api.core.SecretVolumeSource;
import io.ksim.api.core.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's volumes as upstream's ValidateVolumes checks them: each name a DNS label, unique
 * ({@code spec.volumes[1].name: Duplicate value: "data"}), exactly one source
 * ({@code spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type}; none at all is
 * {@code spec.volumes[0]: Required value: must specify a volume type}), and the required fields of the sources
 * ksim types (hostPath path, secret secretName, configMap name, persistentVolumeClaim claimName). The plugin
 * sources kept opaque are counted but not looked into.
 */
public final class VolumeValidation {

    private VolumeValidation() {
    }

    static final String FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";

    /** The result: the volumes that passed (by name, in order) for mounts to refer to, and the errors. */
    public record Result(Map<String, Volume> volumes, List<FieldError> errors) {
    }

    /** Validates {@code volumes} at {@code fldPath} (e.g. {@code spec.volumes}). */
    public static Result validateVolumes(List<Volume> volumes, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, Volume> valid = new LinkedHashMap<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume vol = volumes.get(i);
            FieldPath idxPath = fldPath.index(i);
            FieldPath namePath = idxPath.child("name");
            List<FieldError> el = new ArrayList<>(validateVolumeSource(vol, idxPath));
            String name = vol.name() == null ? "" : vol.name();
            if (name.isEmpty()) {
                el.add(FieldError.required(namePath, ""));
            } else {
                for (String msg : NameValidation.isDns1123Label(name)) {
                    el.add(FieldError.invalid(namePath, name, msg));
                }
            }
            if (valid.containsKey(name)) {
                el.add(FieldError.duplicate(namePath, name));
            }
            // Upstream keeps only error-free volumes for the mounts to match against.
            if (el.isEmpty()) {
                valid.put(name, vol);
            } else {
                errs.addAll(el);
            }
        }
        return new Result(valid, errs);
    }

    /** Counts the sources in upstream's order; every source after the first is Forbidden. */
    static List<FieldError> validateVolumeSource(Volume v, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        int n = 0;
        if (v.emptyDir() != null) {
            n++;
            if (v.emptyDir().sizeLimit() != null && v.emptyDir().sizeLimit().signum() < 0) {
                errs.add(FieldError.forbidden(fldPath.child("emptyDir", "sizeLimit"),
                        "SizeLimit field must be a valid resource quantity"));
            }
        }
        n = source(v.hostPath(), "hostPath", n, fldPath, errs, () -> hostPath(v.hostPath(), fldPath.child("hostPath")));
        n = source(v.gitRepo(), "gitRepo", n, fldPath, errs, List::of);
        n = source(v.gcePersistentDisk(), "gcePersistentDisk", n, fldPath, errs, List::of);
        n = source(v.awsElasticBlockStore(), "awsElasticBlockStore", n, fldPath, errs, List::of);
        n = source(v.secret(), "secret", n, fldPath, errs, () -> secret(v.secret(), fldPath.child("secret")));
        n = source(v.nfs(), "nfs", n, fldPath, errs, List::of);
        n = source(v.iscsi(), "iscsi", n, fldPath, errs, List::of);
        n = source(v.glusterfs(), "glusterfs", n, fldPath, errs, List::of);
        n = source(v.flocker(), "flocker", n, fldPath, errs, List::of);
        n = source(v.persistentVolumeClaim(), "persistentVolumeClaim", n, fldPath, errs,
                () -> required(v.persistentVolumeClaim().claimName(), fldPath.child("persistentVolumeClaim", "claimName")));
        n = source(v.rbd(), "rbd", n, fldPath, errs, List::of);
        n = source(v.cinder(), "cinder", n, fldPath, errs, List::of);
        // Upstream reports a second CephFS source at "cephFS".
        n = source(v.cephfs(), "cephFS", n, fldPath, errs, List::of);
        n = source(v.quobyte(), "quobyte", n, fldPath, errs, List::of);
        // And a second downward API source at "downwarAPI" (sic).
        n = source(v.downwardAPI(), "downwarAPI", n, fldPath, errs, List::of);
        n = source(v.fc(), "fc", n, fldPath, errs, List::of);
        n = source(v.flexVolume(), "flexVolume", n, fldPath, errs, List::of);
        n = source(v.configMap(), "configMap", n, fldPath, errs, () -> configMap(v.configMap(), fldPath.child("configMap")));
        n = source(v.azureFile(), "azureFile", n, fldPath, errs, List::of);
        n = source(v.vsphereVolume(), "vsphereVolume", n, fldPath, errs, List::of);
        n = source(v.photonPersistentDisk(), "photonPersistentDisk", n, fldPath, errs, List::of);
        n = source(v.portworxVolume(), "portworxVolume", n, fldPath, errs, List::of);
        n = source(v.azureDisk(), "azureDisk", n, fldPath, errs, List::of);
        n = source(v.storageos(), "storageos", n, fldPath, errs, List::of);
        n = source(v.projected(), "projected", n, fldPath, errs, List::of);
        n = source(v.scaleIO(), "scaleIO", n, fldPath, errs, List::of);
        n = source(v.csi(), "csi", n, fldPath, errs, List::of);
        n = source(v.ephemeral(), "ephemeral", n, fldPath, errs, List::of);
        n = source(v.image(), "image", n, fldPath, errs, List::of);
        if (n == 0) {
            errs.add(FieldError.required(fldPath, "must specify a volume type"));
        }
        return errs;
    }

    private static int source(Object src, String field, int count, FieldPath fldPath, List<FieldError> errs,
            java.util.function.Supplier<List<FieldError>> check) {
        if (src == null) {
            return count;
        }
        if (count > 0) {
            errs.add(FieldError.forbidden(fldPath.child(field), "may not specify more than 1 volume type"));
            return count;
        }
        errs.addAll(check.get());
        return count + 1;
    }

    private static List<FieldError> hostPath(HostPathVolumeSource s, FieldPath fldPath) {
        if (s.path() == null || s.path().isEmpty()) {
            return List.of(FieldError.required(fldPath.child("path"), ""));
        }
        List<FieldError> errs = new ArrayList<>(PathValidation.noBacksteps(s.path(), fldPath.child("path")));
        if (s.type() != null && !HOST_PATH_TYPES.contains(s.type())) {
            errs.add(FieldError.notSupported(fldPath.child("type"), s.type(), HOST_PATH_TYPES));
        }
        return errs;
    }

    /** Sorted, as upstream lists a set. */
    private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
            "DirectoryOrCreate", "File", "FileOrCreate", "Socket");

    private static List<FieldError> secret(SecretVolumeSource s, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(required(s.secretName(), fldPath.child("secretName")));
        errs.addAll(mode(s.defaultMode(), fldPath.child("defaultMode")));
        errs.addAll(items(s.items(), fldPath.child("items")));
        return errs;
    }

    private static List<FieldError> configMap(ConfigMapVolumeSource s, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(required(s.name(), fldPath.child("name")));
        errs.addAll(mode(s.defaultMode(), fldPath.child("defaultMode")));
        errs.addAll(items(s.items(), fldPath.child("items")));
        return errs;
    }

    private static List<FieldError> items(List<KeyToPath> items, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (items == null) {
            return errs;
        }
        for (int i = 0; i < items.size(); i++) {
            KeyToPath kp = items.get(i);
            FieldPath p = fldPath.index(i);
            errs.addAll(required(kp.key(), p.child("key")));
            String path = kp.path() == null ? "" : kp.path();
            errs.addAll(required(path, p.child("path")));
            errs.addAll(PathValidation.localNonReserved(path, p.child("path")));
            errs.addAll(mode(kp.mode(), p.child("mode")));
        }
        return errs;
    }

    private static List<FieldError> mode(Integer mode, FieldPath fldPath) {
        if (mode != null && (mode > 0777 || mode < 0)) {
            return List.of(FieldError.invalid(fldPath, mode, FILE_MODE_ERROR));
        }
        return List.of();
    }

    private static List<FieldError> required(String value, FieldPath fldPath) {
        return value == null || value.isEmpty() ? List.of(FieldError.required(fldPath, "")) : List.of();
    }
}
