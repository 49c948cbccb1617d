package io.ksim.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Create-time checks of object metadata, with the API server's field paths and texts. Typical use, for a Pod:
 * <pre>{@code
 * List<FieldError> errs = ObjectMetaValidation.validateObjectMeta(meta, true, NameValidator.DNS1123_SUBDOMAIN,
 *         FieldPath.of("metadata"));
 * }</pre>
 * Order of the errors follows upstream: generateName, name, namespace, generation, labels, annotations.
 *
 * <p>Upstream walks label and annotation maps in Go's random map order; here keys are visited in sorted order so
 * that the list (and so the aggregated message) is deterministic.
 */
public final class ObjectMetaValidation {

    private ObjectMetaValidation() {
    }

    /** Total bytes allowed for all annotation keys and values together: 256 KiB. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

    /** apimachinery's FieldImmutableErrorMsg. */
    public static final String FIELD_IMMUTABLE = "field is immutable";

    /** Detail of a negative generation (and other non-negative fields). */
    public static final String IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";

    /**
     * Validates metadata on create, after any name generation. A set {@code generateName} is checked as a
     * prefix; an empty name gives {@code Required value: name or generateName is required}.
     *
     * @param requiresNamespace true for namespaced resources: the namespace must be set and be an RFC 1123
     *                          label; false for cluster-scoped ones, where a namespace is {@code Forbidden}
     */
    public static List<FieldError> validateObjectMeta(ObjectMetaView meta, boolean requiresNamespace,
                                                      NameValidator nameFn, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String generateName = nullToEmpty(meta.generateName());
        if (!generateName.isEmpty()) {
            for (String msg : nameFn.validate(generateName, true)) {
                errs.add(FieldError.invalid(fldPath.child("generateName"), generateName, msg));
            }
        }
        String name = nullToEmpty(meta.name());
        if (name.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("name"), "name or generateName is required"));
        } else {
            for (String msg : nameFn.validate(name, false)) {
                errs.add(FieldError.invalid(fldPath.child("name"), name, msg));
            }
        }
        String namespace = nullToEmpty(meta.namespace());
        if (requiresNamespace) {
            if (namespace.isEmpty()) {
                errs.add(FieldError.required(fldPath.child("namespace"), ""));
            } else {
                for (String msg : NameValidator.DNS1123_LABEL.validate(namespace, false)) {
                    errs.add(FieldError.invalid(fldPath.child("namespace"), namespace, msg));
                }
            }
        } else if (!namespace.isEmpty()) {
            errs.add(FieldError.forbidden(fldPath.child("namespace"), "not allowed on this type"));
        }
        errs.addAll(validateNonnegativeField(meta.generation(), fldPath.child("generation")));
        errs.addAll(validateLabels(meta.labels(), fldPath.child("labels")));
        errs.addAll(validateAnnotations(meta.annotations(), fldPath.child("annotations")));
        return errs;
    }

    /**
     * Label keys must be qualified names and values valid label values. Errors are reported at the map's path
     * itself with the key or value as the bad value, e.g.
     * {@code metadata.labels: Invalid value: "bad,value": a valid label must be ...}.
     */
    public static List<FieldError> validateLabels(Map<String, String> labels, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            errs.addAll(validateLabelName(e.getKey(), fldPath));
            for (String msg : NameValidation.isValidLabelValue(e.getValue())) {
                errs.add(FieldError.invalid(fldPath, e.getValue(), msg));
            }
        }
        return errs;
    }

    /** One error per problem with a label key, at {@code fldPath}. */
    public static List<FieldError> validateLabelName(String labelName, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : NameValidation.isQualifiedName(labelName)) {
            errs.add(FieldError.invalid(fldPath, labelName, msg));
        }
        return errs;
    }

    /**
     * Annotation keys follow the label-key rules except that case doesn't matter (they are checked lowercased,
     * the original key is reported); keys and values together may hold at most 262144 bytes, else
     * {@code metadata.annotations: Too long: may not be more than 262144 bytes}.
     */
    public static List<FieldError> validateAnnotations(Map<String, String> annotations, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (annotations == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
            String k = e.getKey();
            for (String msg : NameValidation.isQualifiedName(toLower(k))) {
                errs.add(FieldError.invalid(fldPath, k, msg));
            }
            total += GoFormat.byteLength(k) + GoFormat.byteLength(nullToEmpty(e.getValue()));
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
            errs.add(FieldError.tooLong(fldPath, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
        }
        return errs;
    }

    /** {@code Invalid value: -1: must be greater than or equal to 0} for a negative value. */
    public static List<FieldError> validateNonnegativeField(long value, FieldPath fldPath) {
        if (value < 0) {
            return List.of(FieldError.invalid(fldPath, value, IS_NEGATIVE_ERROR_MSG));
        }
        return List.of();
    }

    /** Go's strings.ToLower: simple per-character mapping, so 'İ' becomes plain 'i' (Java's full mapping differs). */
    private static String toLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
