package io.ksim.api.core;

/** Values of a container's {@code terminationMessagePolicy} (core/v1 TerminationMessagePolicy). */
public final class TerminationMessagePolicy {

    /** Read the message from terminationMessagePath only. The default. */
    public static final String FILE = "File";
    /** Use the end of the log if the file is empty and the container failed. */
    public static final String FALLBACK_TO_LOGS_ON_ERROR = "FallbackToLogsOnError";

    private TerminationMessagePolicy() {
    }
}
