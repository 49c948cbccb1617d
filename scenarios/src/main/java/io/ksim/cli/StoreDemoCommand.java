package io.ksim.cli;

import io.ksim.kernel.Kernel;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ksim demo}: plays {@link StoreDemo} and prints its narrated trace. */
@Command(name = "demo",
        description = "Play the etcd demo: how kube-apiserver uses etcd's revisions, watches, leases and compaction.")
final class StoreDemoCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Kernel kernel = Kernel.builder().seed(seed).build();
        kernel.trace().addListener(event -> out.println(event.format()));
        new StoreDemo(kernel).play();
        return 0;
    }
}
