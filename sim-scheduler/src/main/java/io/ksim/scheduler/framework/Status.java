package io.ksim.scheduler.framework;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin call returns instead of throwing (upstream framework.Status): a {@link Code}, the
 * user-facing reasons, and the plugin that produced it. Reasons are kept in order; upstream's
 * FailedScheduling histogram counts each reason of each node once.
 *
 * @param code    the outcome
 * @param reasons reason texts, upstream's exact words (e.g. {@code "Insufficient cpu"})
 * @param plugin  the plugin that returned the status, or "" when not yet attributed
 */
public record Status(Code code, List<String> reasons, String plugin) {

    /** The shared success value; plugins return it rather than allocating. */
    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");
    /** The shared skip value. */
    public static final Status SKIP = new Status(Code.SKIP, List.of(), "");

    public Status {
        Objects.requireNonNull(code, "code");
        reasons = List.copyOf(reasons);
        plugin = plugin == null ? "" : plugin;
    }

    /** A status with a code and reasons, not yet attributed to a plugin. */
    public static Status of(Code code, String... reasons) {
        return new Status(code, List.of(reasons), "");
    }

    public static Status unschedulable(String... reasons) {
        return of(Code.UNSCHEDULABLE, reasons);
    }

    public static Status unresolvable(String... reasons) {
        return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
    }

    public static Status error(String message) {
        return of(Code.ERROR, message);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Unschedulable or UnschedulableAndUnresolvable: the node (or cycle) rejected the pod (upstream IsRejected). */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    /** The same status attributed to {@code pluginName}. */
    public Status withPlugin(String pluginName) {
        return new Status(code, reasons, pluginName);
    }

    /** Reasons joined with ", ", as upstream's Status.Message. */
    public String message() {
        return String.join(", ", reasons);
    }
}
