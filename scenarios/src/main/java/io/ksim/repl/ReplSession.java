package io.ksim.repl;

import io.ksim.cluster.Cluster;
import io.ksim.kubectl.CommandWords;
import io.ksim.kubectl.Kubectl;
import io.ksim.kubectl.KubectlException;
import io.ksim.kubectl.KubectlResult;
import java.util.List;
import java.util.stream.Stream;

/**
 * One interactive session over a simulated cluster, without any terminal: {@link #execute} takes one line and
 * returns what it printed. A line is a kubectl command, with or without the {@code kubectl} word (run by
 * {@link Kubectl}), one of the simulator's verbs ({@link SimVerbs}: advance, fail, recover, explain pod,
 * iptables-save, ipvsadm, trace, endpoint-bytes), or help, exit, quit. A trailing {@code | grep PATTERN}
 * keeps the matching lines of the output ({@link Grep}).
 *
 * <p>Blank lines and lines starting with {@code #} do nothing. The scenario runner's {@code show} steps use
 * the same {@link SimVerbs} table.
 */
public final class ReplSession {

    /** The simulator's own verbs and the session's, in the order {@code help} lists them. */
    public static final List<String> SIM_VERBS = Stream.concat(SimVerbs.VERBS.stream().map(SimVerbs.Verb::name),
            Stream.of("help", "exit", "quit")).toList();

    private final Cluster cluster;
    private final Kubectl kubectl;
    private final SimVerbs verbs;

    public ReplSession(Cluster cluster) {
        this.cluster = cluster;
        this.kubectl = new Kubectl(cluster);
        this.verbs = new SimVerbs(cluster);
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The prompt, with the virtual time: {@code ksim [00:01:30]> }. */
    public String prompt() {
        return "ksim [" + SimVerbs.clock(cluster.kernel().nanos()) + "]> ";
    }

    /** Runs one line and returns standard output followed by standard error. */
    public String execute(String line) {
        return run(line).output();
    }

    /** Whether {@code words} is a simulator verb rather than a kubectl command. */
    public boolean isSimVerb(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        String verb = words.get(0);
        return verb.equals("help") || verb.equals("exit") || verb.equals("quit") || verbs.isSimVerb(words);
    }

    /** Runs one line. */
    public ReplResult run(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return ReplResult.ok("");
        }
        List<String> words;
        Grep grep;
        try {
            words = CommandWords.split(trimmed);
            grep = Grep.fromPipe(words);
        } catch (KubectlException | IllegalArgumentException e) {
            String m = e.getMessage();
            return ReplResult.error((m.startsWith("error: ") ? m : "error: " + m) + "\n");
        }
        if (grep != null) {
            words = words.subList(0, words.indexOf("|"));
        }
        if (words.isEmpty()) {
            return ReplResult.ok("");
        }
        ReplResult r;
        if (!isSimVerb(words)) {
            KubectlResult k = kubectl.run(words, "");
            r = new ReplResult(k.exitCode(), k.out(), k.err(), false);
        } else {
            r = switch (words.get(0)) {
                case "exit", "quit" -> new ReplResult(0, "", "", true);
                case "help" -> ReplResult.ok(help());
                default -> verbs.run(words);
            };
        }
        return grep == null ? r : grep.apply(r);
    }

    static String help() {
        return "Type kubectl commands with or without the word kubectl (get pods -o wide, kubectl describe pod web-1),\n"
                + "or one of the simulator's verbs:\n"
                + SimVerbs.helpLines()
                + "  help                      this text\n"
                + "  exit, quit                leave (Ctrl-D too)\n"
                + "A command may end in | grep PATTERN (-v, -i, -E, -F) to keep the lines it matches.\n"
                + "The prompt shows the virtual time; it moves only with advance and with commands that wait.\n";
    }
}
