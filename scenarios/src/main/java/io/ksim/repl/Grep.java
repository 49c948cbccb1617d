package io.ksim.repl;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one pipe ksim's command lines take: {@code COMMAND | grep [-v] [-i] [-E] [-F] PATTERN}, which keeps the
 * lines of the command's standard output that match (GNU grep's rules: a basic regular expression by default,
 * where {@code + ? | ( ) { }} are literal unless escaped; {@code -E} extended, {@code -F} a fixed string,
 * {@code -i} ignores case, {@code -v} keeps the lines that do not match). Standard error passes through, as a
 * terminal shows it; the exit status is grep's: 0 when a line was kept, 1 when none was.
 *
 * <pre>
 * iptables-save node-1 -t nat | grep KUBE-SVC     only the lines naming a KUBE-SVC chain
 * </pre>
 */
public final class Grep {

    private final Pattern pattern;
    private final boolean invert;

    private Grep(Pattern pattern, boolean invert) {
        this.pattern = pattern;
        this.invert = invert;
    }

    /**
     * The grep after a {@code |} word of {@code words}, or null when there is no pipe; throws with a message
     * when the pipe goes elsewhere or grep's words are bad.
     */
    public static Grep fromPipe(List<String> words) {
        int bar = words.indexOf("|");
        if (bar < 0) {
            return null;
        }
        List<String> g = words.subList(bar + 1, words.size());
        if (g.isEmpty() || !g.get(0).equals("grep")) {
            throw new IllegalArgumentException("ksim pipes a command's output only to grep (COMMAND | grep PATTERN)");
        }
        if (g.contains("|")) {
            throw new IllegalArgumentException("ksim takes one pipe: COMMAND | grep PATTERN");
        }
        boolean invert = false;
        boolean ignoreCase = false;
        char syntax = 'G';
        String expr = null;
        for (String w : g.subList(1, g.size())) {
            if (expr == null && w.startsWith("-") && w.length() > 1) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'v' -> invert = true;
                        case 'i' -> ignoreCase = true;
                        case 'E', 'F', 'G' -> syntax = c;
                        default -> throw new IllegalArgumentException("grep: invalid option -- '" + c + "'");
                    }
                }
            } else if (expr == null) {
                expr = w;
            } else {
                throw new IllegalArgumentException("grep: ksim's grep reads the command's output, not the file " + w);
            }
        }
        if (expr == null) {
            throw new IllegalArgumentException("Usage: grep [OPTION]... PATTERNS [FILE]...");
        }
        String regex = switch (syntax) {
            case 'F' -> Pattern.quote(expr);
            case 'E' -> expr;
            default -> basicToJava(expr);
        };
        try {
            return new Grep(Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0), invert);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("grep: invalid regular expression " + expr);
        }
    }

    /** Whether {@code line} is kept. */
    public boolean keeps(String line) {
        return pattern.matcher(line).find() != invert;
    }

    /** Keeps the matching lines of {@code r}'s standard output. */
    public ReplResult apply(ReplResult r) {
        StringBuilder kept = new StringBuilder();
        for (String line : r.out().split("\n", -1)) {
            if (!line.isEmpty() && keeps(line)) {
                kept.append(line).append('\n');
            }
        }
        return new ReplResult(kept.isEmpty() ? 1 : 0, kept.toString(), r.err(), r.exit());
    }

    /** A POSIX basic regular expression (with GNU's escaped operators) as a Java one. */
    static String basicToJava(String bre) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                out.append("+?|(){}".indexOf(n) >= 0 ? String.valueOf(n) : "\\" + n);
            } else if ("+?|(){}".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '[') {
                int end = bracketEnd(bre, i);
                for (int j = i; j <= end; j++) {
                    char b = bre.charAt(j);
                    // Inside a bracket expression a backslash and a nested '[' are plain characters.
                    boolean plain = b == '\\' || b == '&' || (b == '[' && j > i) || (b == ']' && j < end);
                    out.append(plain ? "\\" + b : String.valueOf(b));
                }
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The index of the ']' closing the bracket expression opened at {@code open} (a leading ']' is literal). */
    private static int bracketEnd(String s, int open) {
        int j = open + 1;
        if (j < s.length() && s.charAt(j) == '^') {
            j++;
        }
        if (j < s.length() && s.charAt(j) == ']') {
            j++;
        }
        int close = s.indexOf(']', j);
        if (close < 0) {
            throw new IllegalArgumentException("grep: Unmatched [, [^, [:, [., or [=");
        }
        return close;
    }
}
