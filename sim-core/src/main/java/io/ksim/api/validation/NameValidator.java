package io.ksim.api.validation;

import java.util.List;

/**
 * How a resource's object names are checked; each resource picks one. With {@code prefix} true the value is a
 * {@code generateName} that random characters will be appended to, so a trailing dash is accepted.
 */
@FunctionalInterface
public interface NameValidator {

    /** The problems with {@code name}, as detail texts; empty when it is valid. */
    List<String> validate(String name, boolean prefix);

    /** Most objects (Pods, Deployments, ReplicaSets, ConfigMaps, Nodes, ...): an RFC 1123 subdomain. */
    NameValidator DNS1123_SUBDOMAIN = (name, prefix) -> NameValidation.isDns1123Subdomain(mask(name, prefix));

    /** Namespaces and a few others: an RFC 1123 label. */
    NameValidator DNS1123_LABEL = (name, prefix) -> NameValidation.isDns1123Label(mask(name, prefix));

    /** Services: an RFC 1035 label. */
    NameValidator DNS1035_LABEL = (name, prefix) -> NameValidation.isDns1035Label(mask(name, prefix));

    /**
     * RBAC roles and bindings (rbac validation's ValidateRBACName, apimachinery's path.IsValidPathSegmentName): any
     * name that is not {@code .} or {@code ..} and contains neither {@code /} nor {@code %}, so that
     * {@code system:kube-scheduler} is a valid name.
     */
    NameValidator PATH_SEGMENT_NAME = (name, prefix) -> {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        List<String> errors = new java.util.ArrayList<>();
        for (String illegal : List.of("/", "%")) {
            if (name.contains(illegal)) {
                errors.add("may not contain '" + illegal + "'");
            }
        }
        return errors;
    };

    /**
     * Makes a generateName with a trailing dash checkable as a name. Upstream replaces the last <em>two</em>
     * characters by {@code a} (so {@code "foo-"} is checked as {@code "foa"}); kept as is, since it decides
     * which prefixes pass.
     */
    private static String mask(String name, boolean prefix) {
        if (prefix && name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }
}
