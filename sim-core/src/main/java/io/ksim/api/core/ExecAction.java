package io.ksim.api.core;

import java.util.List;

/** A command run in the container (core/v1 ExecAction); exit status 0 is success. */
public record ExecAction(List<String> command) {

    public ExecAction {
        command = command == null ? List.of() : List.copyOf(command);
    }
}
