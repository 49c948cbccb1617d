package io.ksim.repl;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.KubectlCommand;
import io.ksim.kubectl.KubectlException;
import io.ksim.kubectl.ResourceResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Tab completion for {@code ksim repl}: the first word from kubectl's commands (those ksim serves) and the
 * simulator's verbs; subcommands ({@code rollout status}); resource kinds as kubectl accepts them (plural,
 * singular, short names) after the commands that take a TYPE; object names listed from the API server for the
 * kind typed, in the namespace of {@code -n} ({@code TYPE/NAME} too); pod names after {@code logs} and
 * {@code exec}; node names after {@code cordon} and the node verbs; namespaces after {@code -n}; a command's
 * flags (read from its picocli options) after {@code -}.
 *
 * <p>{@link #candidates} is the whole logic, without JLine; {@link #complete} adapts it to JLine's line reader.
 */
public final class ReplCompleter implements Completer {

    /** Commands whose first argument is a resource TYPE (or TYPE/NAME), then names. */
    private static final Set<String> TYPE_COMMANDS = Set.of("get", "describe", "delete", "edit", "label", "annotate",
            "patch", "scale", "expose", "explain", "wait", "autoscale", "taint", "rollout status", "rollout history",
            "rollout undo", "rollout restart", "rollout pause", "rollout resume", "set image", "set env",
            "set resources", "set selector", "set serviceaccount");
    private static final Set<String> POD_COMMANDS = Set.of("logs", "exec", "attach", "port-forward");
    private static final Set<String> NODE_COMMANDS = Set.of("cordon", "uncordon", "drain", "fail", "recover",
            "iptables-save", "ipvsadm");
    private static final List<String> DURATIONS = List.of("1s", "5s", "10s", "30s", "1m", "5m", "10m");

    private final ApiServer api;
    private final ResourceResolver resources;
    private final Map<String, CommandNode> kubectlCommands;

    public ReplCompleter(ApiServer api) {
        this.api = api;
        this.resources = new ResourceResolver(api);
        this.kubectlCommands = commandTree(KubectlCommand.class, new TreeSet<>());
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String partial = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        for (String c : candidates(before, partial)) {
            boolean complete = !c.endsWith("/");
            out.add(new Candidate(c, c, null, null, null, null, complete));
        }
    }

    /**
     * The completions of {@code partial}, the word being typed, after the words {@code before} it: sorted,
     * distinct, each starting with {@code partial}.
     */
    public List<String> candidates(List<String> before, String partial) {
        List<String> words = new ArrayList<>(before);
        if (!words.isEmpty() && words.get(0).equals("kubectl")) {
            words.remove(0);
        } else if (words.isEmpty()) {
            TreeSet<String> first = new TreeSet<>(kubectlCommands.keySet());
            first.addAll(ReplSession.SIM_VERBS);
            first.add("kubectl");
            return filter(first, partial);
        }
        if (words.isEmpty()) {
            return filter(new TreeSet<>(kubectlCommands.keySet()), partial);
        }
        String previous = words.get(words.size() - 1);
        if (previous.equals("-n") || previous.equals("--namespace")) {
            return filter(names(BuiltinResources.NAMESPACES, null), partial);
        }
        if (words.get(0).equals("iptables-save") && (previous.equals("-t") || previous.equals("--table"))) {
            return filter(io.ksim.network.proxy.iptables.IptablesSave.TABLES, partial);
        }
        // The command path (verb and subcommands) and the positional words after it.
        String verb = words.get(0);
        String path = verb;
        CommandNode command = kubectlCommands.get(verb);
        Map<String, CommandNode> children = command == null ? Map.of() : command.children();
        int i = 1;
        while (i < words.size() && children.containsKey(words.get(i))) {
            path = path + " " + words.get(i);
            command = children.get(words.get(i));
            children = command.children();
            i++;
        }
        if (partial.startsWith("-")) {
            if (command != null) {
                return filter(command.options(), partial);
            }
            return switch (verb) {
                case "explain" -> filter(List.of("--namespace", "-n"), partial);
                case "ipvsadm" -> filter(List.of("-Ln"), partial);
                case "iptables-save" -> filter(List.of("--table", "-t"), partial);
                case "endpoint-bytes" -> filter(List.of("--namespace", "--nodes", "-n"), partial);
                default -> List.of();
            };
        }
        List<String> positional = positional(words.subList(i, words.size()));
        if (!positional.isEmpty() && TYPE_COMMANDS.contains(path + " " + positional.get(0))) {
            path = path + " " + positional.get(0); // a subcommand the kubectl layer does not list (yet)
            positional = positional.subList(1, positional.size());
        }
        if (positional.isEmpty() && !children.isEmpty()) {
            return filter(new TreeSet<>(children.keySet()), partial);
        }
        String namespace = namespace(words);
        if (verb.equals("endpoint-bytes")) {
            return positional.isEmpty() ? filter(names(BuiltinResources.SERVICES, namespace), partial) : List.of();
        }
        if (verb.equals("advance")) {
            return positional.isEmpty() ? filter(DURATIONS, partial) : List.of();
        }
        if (NODE_COMMANDS.contains(path)) {
            return positional.isEmpty() ? filter(names(BuiltinResources.NODES, null), partial) : List.of();
        }
        if (POD_COMMANDS.contains(path)) {
            return positional.isEmpty() ? filter(names(BuiltinResources.PODS, namespace), partial) : List.of();
        }
        if (TYPE_COMMANDS.contains(path)) {
            if (partial.contains("/")) {
                String kind = partial.substring(0, partial.indexOf('/'));
                ResourceType<?> type = resolve(kind);
                if (type == null) {
                    return List.of();
                }
                TreeSet<String> prefixed = new TreeSet<>();
                names(type, namespace).forEach(n -> prefixed.add(kind + "/" + n));
                return filter(prefixed, partial);
            }
            if (positional.isEmpty()) {
                return filter(kinds(), partial);
            }
            if (positional.get(0).contains("/")) {
                return List.of();
            }
            ResourceType<?> type = resolve(positional.get(0));
            return type == null ? List.of() : filter(names(type, namespace), partial);
        }
        return List.of();
    }

    /** Every name kubectl accepts for a served resource: plural, singular and short names. */
    private TreeSet<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>();
        for (ResourceType<?> t : api.resources()) {
            kinds.add(t.resource());
            if (!t.singular().isEmpty()) {
                kinds.add(t.singular());
            }
            kinds.addAll(t.shortNames());
        }
        return kinds;
    }

    private ResourceType<?> resolve(String kind) {
        try {
            return resources.resolve(kind);
        } catch (KubectlException e) {
            return null;
        }
    }

    /** Names of the objects of {@code type} in {@code namespace} (all namespaces when null), from the API server. */
    private TreeSet<String> names(ResourceType<?> type, String namespace) {
        TreeSet<String> names = new TreeSet<>();
        for (KubeObject o : api.list(type, type.namespaced() ? namespace : null).items()) {
            names.add(o.metadata().name());
        }
        return names;
    }

    /** The namespace of {@code -n}/{@code --namespace}, null for {@code -A}, else {@code default}. */
    private static String namespace(List<String> words) {
        String ns = "default";
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-n") || w.equals("--namespace")) && i + 1 < words.size()) {
                ns = words.get(i + 1);
            } else if (w.startsWith("--namespace=")) {
                ns = w.substring("--namespace=".length());
            } else if (w.equals("-A") || w.equals("--all-namespaces")) {
                return null;
            }
        }
        return ns;
    }

    /** The words that are neither flags nor values of flags known to take one. */
    private static List<String> positional(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-n") || w.equals("--namespace") || w.equals("-o") || w.equals("--output")
                    || w.equals("-l") || w.equals("--selector") || w.equals("-c") || w.equals("--container")
                    || w.equals("-f") || w.equals("--filename") || w.equals("-t") || w.equals("--table")
                    || w.equals("--nodes")) {
                i++;
            } else if (!w.startsWith("-")) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> filter(Iterable<String> all, String partial) {
        List<String> out = new ArrayList<>();
        for (String s : all) {
            if (s.startsWith(partial)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A kubectl command: its flags (with those inherited from its parents) and its subcommands. */
    private record CommandNode(TreeSet<String> options, Map<String, CommandNode> children) {
    }

    /**
     * The subcommands of a picocli command class by name and alias, with their options, read from the
     * annotations; {@code inherited} holds the options of the parents that apply to every subcommand
     * ({@code -n}).
     */
    private static Map<String, CommandNode> commandTree(Class<?> command, TreeSet<String> inherited) {
        Map<String, CommandNode> tree = new LinkedHashMap<>();
        Command annotation = command.getAnnotation(Command.class);
        if (annotation == null) {
            return tree;
        }
        TreeSet<String> passedOn = new TreeSet<>(inherited);
        passedOn.addAll(options(command, true));
        for (Class<?> sub : annotation.subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c == null || c.name().equals("<main class>") || c.hidden()) {
                continue;
            }
            TreeSet<String> options = new TreeSet<>(passedOn);
            options.addAll(options(sub, false));
            CommandNode node = new CommandNode(options, commandTree(sub, passedOn));
            tree.put(c.name(), node);
            for (String alias : c.aliases()) {
                tree.put(alias, node);
            }
        }
        return tree;
    }

    /** Option names declared on fields and methods of {@code cls} and its mixins; only inherited ones if asked. */
    private static TreeSet<String> options(Class<?> cls, boolean inheritedOnly) {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            List<java.lang.reflect.AnnotatedElement> members = new ArrayList<>();
            members.addAll(List.of(c.getDeclaredFields()));
            members.addAll(List.of(c.getDeclaredMethods()));
            for (java.lang.reflect.AnnotatedElement m : members) {
                Option o = m.getAnnotation(Option.class);
                if (o != null && !o.hidden() && (!inheritedOnly || o.scope() == ScopeType.INHERIT)) {
                    names.addAll(List.of(o.names()));
                }
                if (m.getAnnotation(Mixin.class) != null && m instanceof java.lang.reflect.Field f) {
                    names.addAll(options(f.getType(), inheritedOnly));
                }
            }
        }
        return names;
    }
}
