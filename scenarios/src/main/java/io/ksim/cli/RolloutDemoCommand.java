package io.ksim.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ksim rollout}: plays {@link RolloutDemo} on a three-node cluster and prints its trace as it happens. */
@Command(name = "rollout",
        description = "Play a rolling update on a simulated 3-node cluster: Deployment web (4 x nginx:1.25) "
                + "behind a Service, then set image nginx:1.26; prints every component's trace.")
final class RolloutDemoCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RolloutDemo demo = new RolloutDemo(seed);
        demo.cluster().trace().addListener(event -> out.println(event.format()));
        demo.play();
        demo.printSummary(out);
        return 0;
    }
}
