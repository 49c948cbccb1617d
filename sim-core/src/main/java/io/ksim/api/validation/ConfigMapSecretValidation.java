package io.ksim.api.validation;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * ConfigMaps and Secrets as upstream's ValidateConfigMap(Update) and ValidateSecret(Update) check them: every key
 * a valid config key ({@code data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric
 * characters, '-', '_' or '.' ...}), at most 1 MiB of values, a Secret's type-specific keys; on update a
 * Secret's type is immutable and an {@code immutable: true} object keeps its data
 * ({@code data: Forbidden: field is immutable when `immutable` is set}).
 */
public final class ConfigMapSecretValidation {

    private ConfigMapSecretValidation() {
    }

    /** core.MaxSecretSize, which also bounds ConfigMaps: 1 MiB. */
    public static final int MAX_SIZE = 1024 * 1024;
    private static final String IMMUTABLE_SET = "field is immutable when `immutable` is set";

    public static List<FieldError> validateConfigMap(ConfigMap cm) {
        List<FieldError> errs = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, String> e : cm.data().entrySet()) {
            String key = e.getKey();
            FieldPath p = FieldPath.of("data").key(key);
            FormatValidation.isConfigMapKey(key).forEach(msg -> errs.add(FieldError.invalid(p, key, msg)));
            if (cm.binaryData().containsKey(key)) {
                errs.add(FieldError.invalid(p, key, "duplicate of key present in binaryData"));
            }
            total += GoFormat.byteLength(e.getValue());
        }
        for (Map.Entry<String, String> e : cm.binaryData().entrySet()) {
            String key = e.getKey();
            FieldPath p = FieldPath.of("binaryData").key(key);
            FormatValidation.isConfigMapKey(key).forEach(msg -> errs.add(FieldError.invalid(p, key, msg)));
            total += Base64.getDecoder().decode(e.getValue()).length;
        }
        if (total > MAX_SIZE) {
            // Upstream reports the whole object, at the empty path.
            errs.add(new FieldError(ErrorType.TOO_LONG, "", "", "may not be more than " + MAX_SIZE + " bytes"));
        }
        return errs;
    }

    public static List<FieldError> validateConfigMapUpdate(ConfigMap cm, ConfigMap old) {
        List<FieldError> errs = new ArrayList<>();
        if (Boolean.TRUE.equals(old.immutable())) {
            if (!Boolean.TRUE.equals(cm.immutable())) {
                errs.add(FieldError.forbidden(FieldPath.of("immutable"), IMMUTABLE_SET));
            }
            if (!cm.data().equals(old.data())) {
                errs.add(FieldError.forbidden(FieldPath.of("data"), IMMUTABLE_SET));
            }
            if (!cm.binaryData().equals(old.binaryData())) {
                errs.add(FieldError.forbidden(FieldPath.of("binaryData"), IMMUTABLE_SET));
            }
        }
        errs.addAll(validateConfigMap(cm));
        return errs;
    }

    /** A Secret's data as upstream validates it: after stringData has been merged in (stringData wins). */
    private static Map<String, Integer> sizes(Secret s) {
        Map<String, Integer> sizes = new TreeMap<>();
        s.data().forEach((k, v) -> sizes.put(k, Base64.getDecoder().decode(v).length));
        s.stringData().forEach((k, v) -> sizes.put(k, v.getBytes(StandardCharsets.UTF_8).length));
        return sizes;
    }

    public static List<FieldError> validateSecret(Secret s) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath dataPath = FieldPath.of("data");
        Map<String, Integer> data = sizes(s);
        long total = 0;
        for (Map.Entry<String, Integer> e : data.entrySet()) {
            String key = e.getKey();
            FormatValidation.isConfigMapKey(key).forEach(msg -> errs.add(FieldError.invalid(dataPath.key(key), key, msg)));
            total += e.getValue();
        }
        if (total > MAX_SIZE) {
            errs.add(FieldError.tooLong(dataPath, MAX_SIZE));
        }
        String type = s.type() == null ? "" : s.type();
        switch (type) {
            case Secret.TYPE_SERVICE_ACCOUNT_TOKEN -> {
                String sa = s.metadata().annotations().get("kubernetes.io/service-account.name");
                if (sa == null || sa.isEmpty()) {
                    errs.add(FieldError.required(FieldPath.of("metadata", "annotations")
                            .key("kubernetes.io/service-account.name"), ""));
                }
            }
            case Secret.TYPE_DOCKERCFG -> requireKey(data, ".dockercfg", dataPath, errs);
            case Secret.TYPE_DOCKER_CONFIG_JSON -> requireKey(data, ".dockerconfigjson", dataPath, errs);
            case Secret.TYPE_BASIC_AUTH -> {
                if (!data.containsKey("username") && !data.containsKey("password")) {
                    errs.add(FieldError.required(dataPath.key("username"), ""));
                    errs.add(FieldError.required(dataPath.key("password"), ""));
                }
            }
            case Secret.TYPE_SSH_AUTH -> {
                Integer size = data.get("ssh-privatekey");
                if (size == null || size == 0) {
                    errs.add(FieldError.required(dataPath.key("ssh-privatekey"), ""));
                }
            }
            case Secret.TYPE_TLS -> {
                requireKey(data, "tls.crt", dataPath, errs);
                requireKey(data, "tls.key", dataPath, errs);
            }
            default -> { }
        }
        return errs;
    }

    public static List<FieldError> validateSecretUpdate(Secret s, Secret old) {
        List<FieldError> errs = new ArrayList<>();
        if (!Objects.equals(s.type(), old.type())) {
            errs.add(FieldError.invalid(FieldPath.of("type"), s.type(), ObjectMetaValidation.FIELD_IMMUTABLE));
        }
        if (Boolean.TRUE.equals(old.immutable())) {
            if (!Boolean.TRUE.equals(s.immutable())) {
                errs.add(FieldError.forbidden(FieldPath.of("immutable"), IMMUTABLE_SET));
            }
            if (!sizesAndValues(s).equals(sizesAndValues(old))) {
                errs.add(FieldError.forbidden(FieldPath.of("data"), IMMUTABLE_SET));
            }
        }
        errs.addAll(validateSecret(s));
        return errs;
    }

    /** The merged data as base64 text, for comparing before and after. */
    private static Map<String, String> sizesAndValues(Secret s) {
        Map<String, String> merged = new TreeMap<>(s.data());
        s.stringData().forEach((k, v) -> merged.put(k,
                Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return merged;
    }

    private static void requireKey(Map<String, Integer> data, String key, FieldPath dataPath, List<FieldError> errs) {
        if (!data.containsKey(key)) {
            errs.add(FieldError.required(dataPath.key(key), ""));
        }
    }
}
