package io.ksim.api.validation;

import io.ksim.api.core.EnvFromSource;
import io.ksim.api.core.EnvVar;
import io.ksim.api.core.EnvVarSource;
import io.ksim.api.core.ObjectFieldSelector;
import io.ksim.api.core.ResourceFieldSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's {@code env} and {@code envFrom}, as upstream's ValidateEnv and ValidateEnvFrom check them with
 * RelaxedEnvironmentVariableValidation on (its 1.32 default): names of printable ASCII other than {@code =}
 * ({@code spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist
 * only of printable ASCII characters other than '='}), and exactly one {@code valueFrom} source, never with a
 * literal {@code value}.
 */
public final class EnvValidation {

    private EnvValidation() {
    }

    /** The downward API fields an environment variable may take (upstream's set, sorted as sets.List sorts). */
    static final Set<String> ENV_FIELD_PATHS = new TreeSet<>(List.of("metadata.name", "metadata.namespace",
            "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs"));
    /** The pod fields the v1 downward API converts (pkg/apis/core/pods ConvertDownwardAPIFieldLabel). */
    private static final Set<String> V1_FIELD_LABELS = Set.of("metadata.annotations", "metadata.labels",
            "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy",
            "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs");
    private static final Set<String> RESOURCE_FIELD_PATHS = new TreeSet<>(List.of("limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"));
    private static final Pattern SUBSCRIPTED = Pattern.compile("(.+)\\['(.*)'\\]");

    static List<FieldError> validateEnv(List<EnvVar> vars, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            EnvVar ev = vars.get(i);
            FieldPath idxPath = fldPath.index(i);
            String name = ev.name() == null ? "" : ev.name();
            if (name.isEmpty()) {
                errs.add(FieldError.required(idxPath.child("name"), ""));
            } else {
                for (String msg : FormatValidation.isRelaxedEnvVarName(name)) {
                    errs.add(FieldError.invalid(idxPath.child("name"), name, msg));
                }
            }
            errs.addAll(valueFrom(ev, idxPath.child("valueFrom")));
        }
        return errs;
    }

    private static List<FieldError> valueFrom(EnvVar ev, FieldPath fldPath) {
        EnvVarSource from = ev.valueFrom();
        List<FieldError> errs = new ArrayList<>();
        if (from == null) {
            return errs;
        }
        int n = 0;
        if (from.fieldRef() != null) {
            n++;
            errs.addAll(fieldRef(from.fieldRef(), fldPath.child("fieldRef")));
        }
        if (from.resourceFieldRef() != null) {
            n++;
            errs.addAll(resourceFieldRef(from.resourceFieldRef(), fldPath.child("resourceFieldRef")));
        }
        if (from.configMapKeyRef() != null) {
            n++;
            errs.addAll(keySelector(from.configMapKeyRef().name(), from.configMapKeyRef().key(),
                    fldPath.child("configMapKeyRef")));
        }
        if (from.secretKeyRef() != null) {
            n++;
            errs.addAll(keySelector(from.secretKeyRef().name(), from.secretKeyRef().key(), fldPath.child("secretKeyRef")));
        }
        if (n == 0) {
            errs.add(FieldError.invalid(fldPath, "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (ev.value() != null && !ev.value().isEmpty()) {
            errs.add(FieldError.invalid(fldPath, "", "may not be specified when `value` is not empty"));
        } else if (n > 1) {
            errs.add(FieldError.invalid(fldPath, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<FieldError> fieldRef(ObjectFieldSelector fs, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String apiVersion = fs.apiVersion() == null ? "" : fs.apiVersion();
        String fieldPath = fs.fieldPath() == null ? "" : fs.fieldPath();
        if (apiVersion.isEmpty()) {
            return List.of(FieldError.required(fldPath.child("apiVersion"), ""));
        }
        if (fieldPath.isEmpty()) {
            return List.of(FieldError.required(fldPath.child("fieldPath"), ""));
        }
        Matcher m = SUBSCRIPTED.matcher(fieldPath);
        String path = m.matches() ? m.group(1) : fieldPath;
        String conversionError = null;
        if (!apiVersion.equals("v1")) {
            conversionError = "unsupported pod version: " + apiVersion;
        } else if (!V1_FIELD_LABELS.contains(path)
                || (m.matches() && !path.equals("metadata.annotations") && !path.equals("metadata.labels"))) {
            conversionError = "field label not supported: " + fieldPath;
        }
        if (conversionError != null) {
            return List.of(FieldError.invalid(fldPath.child("fieldPath"), fieldPath,
                    "error converting fieldPath: " + conversionError));
        }
        if (m.matches()) {
            String subscript = path.equals("metadata.annotations") ? m.group(2).toLowerCase(java.util.Locale.ROOT) : m.group(2);
            for (String msg : NameValidation.isQualifiedName(subscript)) {
                errs.add(FieldError.invalid(fldPath, subscript, msg));
            }
        } else if (!ENV_FIELD_PATHS.contains(path)) {
            errs.add(FieldError.notSupported(fldPath.child("fieldPath"), path, ENV_FIELD_PATHS));
        }
        return errs;
    }

    private static List<FieldError> resourceFieldRef(ResourceFieldSelector fs, FieldPath fldPath) {
        String resource = fs.resource() == null ? "" : fs.resource();
        if (resource.isEmpty()) {
            return List.of(FieldError.required(fldPath.child("resource"), ""));
        }
        if (!RESOURCE_FIELD_PATHS.contains(resource) && !resource.startsWith("requests.hugepages-")
                && !resource.startsWith("limits.hugepages-")) {
            return List.of(FieldError.notSupported(fldPath.child("resource"), resource, RESOURCE_FIELD_PATHS));
        }
        return List.of();
    }

    /** configMapKeyRef and secretKeyRef: the name a DNS subdomain, the key a valid config key. */
    private static List<FieldError> keySelector(String name, String key, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String n = name == null ? "" : name;
        for (String msg : NameValidation.isDns1123Subdomain(n)) {
            errs.add(FieldError.invalid(fldPath.child("name"), n, msg));
        }
        String k = key == null ? "" : key;
        if (k.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("key"), ""));
        } else {
            for (String msg : FormatValidation.isConfigMapKey(k)) {
                errs.add(FieldError.invalid(fldPath.child("key"), k, msg));
            }
        }
        return errs;
    }

    static List<FieldError> validateEnvFrom(List<EnvFromSource> vars, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            EnvFromSource ev = vars.get(i);
            FieldPath idxPath = fldPath.index(i);
            if (ev.prefix() != null && !ev.prefix().isEmpty()) {
                for (String msg : FormatValidation.isRelaxedEnvVarName(ev.prefix())) {
                    errs.add(FieldError.invalid(idxPath.child("prefix"), ev.prefix(), msg));
                }
            }
            int n = 0;
            if (ev.configMapRef() != null) {
                n++;
                errs.addAll(sourceName(ev.configMapRef().name(), idxPath.child("configMapRef")));
            }
            if (ev.secretRef() != null) {
                n++;
                errs.addAll(sourceName(ev.secretRef().name(), idxPath.child("secretRef")));
            }
            // Upstream reports these two at the list's path, not the item's.
            if (n == 0) {
                errs.add(FieldError.invalid(fldPath, "", "must specify one of: `configMapRef` or `secretRef`"));
            } else if (n > 1) {
                errs.add(FieldError.invalid(fldPath, "", "may not have more than one field specified at a time"));
            }
        }
        return errs;
    }

    /** The referenced name is checked as a generateName prefix (upstream passes prefix=true). */
    private static List<FieldError> sourceName(String name, FieldPath fldPath) {
        if (name == null || name.isEmpty()) {
            return List.of(FieldError.required(fldPath.child("name"), ""));
        }
        List<FieldError> errs = new ArrayList<>();
        for (String msg : NameValidator.DNS1123_SUBDOMAIN.validate(name, true)) {
            errs.add(FieldError.invalid(fldPath.child("name"), name, msg));
        }
        return errs;
    }
}
