package io.ksim.api.validation;

import java.util.List;

/** Upstream's checks of paths inside volumes: relative, without {@code ..} elements, not starting with {@code ..}. */
final class PathValidation {

    private PathValidation() {
    }

    /** {@code must not contain '..'}: one error however many {@code ..} elements (paths split on {@code /}). */
    static List<FieldError> noBacksteps(String path, FieldPath fldPath) {
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) {
                return List.of(FieldError.invalid(fldPath, path, "must not contain '..'"));
            }
        }
        return List.of();
    }

    /** A relative path with no backsteps (upstream validateLocalDescendingPath). */
    static List<FieldError> localDescending(String path, FieldPath fldPath) {
        List<FieldError> errs = new java.util.ArrayList<>();
        if (path.startsWith("/")) {
            errs.add(FieldError.invalid(fldPath, path, "must be a relative path"));
        }
        errs.addAll(noBacksteps(path, fldPath));
        return errs;
    }

    /** {@link #localDescending} and not starting with {@code ..} (unless already reported as a backstep). */
    static List<FieldError> localNonReserved(String path, FieldPath fldPath) {
        List<FieldError> errs = new java.util.ArrayList<>(localDescending(path, fldPath));
        if (path.startsWith("..") && !path.startsWith("../")) {
            errs.add(FieldError.invalid(fldPath, path, "must not start with '..'"));
        }
        return errs;
    }
}
