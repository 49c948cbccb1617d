package io.ksim.kubectl;

import picocli.CommandLine.Option;

/** {@code --save-config}, as {@code create -f} and the {@code create} generators take it. */
final class SaveConfig {

    @Option(names = "--save-config", arity = "0..1", fallbackValue = "true",
            description = "Save the configuration in the object's annotation, for kubectl apply to use later")
    boolean enabled;
}
