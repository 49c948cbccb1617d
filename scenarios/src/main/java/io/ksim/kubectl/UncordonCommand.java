package io.ksim.kubectl;

import picocli.CommandLine.Command;

/** {@code kubectl uncordon NODE...}: {@code node/n uncordoned} or {@code node/n already uncordoned}. */
@Command(name = "uncordon")
final class UncordonCommand extends CordonCommand {

    UncordonCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    boolean desired() {
        return false;
    }

    @Override
    String name() {
        return "uncordon";
    }
}
