package io.ksim.cli;

import io.ksim.scenario.Scenario;
import io.ksim.scenario.ScenarioRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instructor mode for {@code ksim run}: the only place ksim looks at the wall clock. With a pace, one second of
 * virtual time takes the given wall time (the run sleeps until the wall clock catches up with each trace line);
 * with {@code --step} it waits for Enter before each step. The simulation itself never sees any of this.
 */
final class InstructorPacing implements ScenarioRunner.Pacing {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private final Duration perVirtualSecond;
    private final boolean step;
    private final PrintStream prompt;
    private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private long wallStart = Long.MIN_VALUE;
    private long virtualStart;

    InstructorPacing(Duration perVirtualSecond, boolean step, PrintStream prompt) {
        this.perVirtualSecond = perVirtualSecond;
        this.step = step;
        this.prompt = prompt;
    }

    /** A pace such as {@code 1s}, {@code 200ms}, {@code 0.5s}; null when malformed. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = v * switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        return Duration.ofNanos((long) nanos);
    }

    @Override
    public void beforeStep(Scenario.Step s) {
        if (step) {
            prompt.print("-- " + s.where() + ": press Enter ");
            prompt.flush();
            try {
                stdin.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            wallStart = Long.MIN_VALUE; // the pause does not count against the pace
        }
    }

    @Override
    public void virtualTime(long nanos) {
        if (perVirtualSecond == null) {
            return;
        }
        long now = System.nanoTime();
        if (wallStart == Long.MIN_VALUE) {
            wallStart = now;
            virtualStart = nanos;
            return;
        }
        long due = wallStart + (long) ((nanos - virtualStart) / 1e9 * perVirtualSecond.toNanos());
        long wait = due - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
