package io.ksim.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * The terminal side of {@code ksim repl}: JLine reads lines (editing, history, tab completion through
 * {@link ReplCompleter}) and prints what {@link ReplSession} returns. On a terminal JLine drives it; when
 * standard input is a pipe or a file, JLine's dumb terminal reads plain lines and writes no escape sequences.
 */
public final class ReplConsole {

    private final ReplSession session;
    private final Terminal terminal;
    private final Path historyFile;
    private final boolean echo;

    private ReplConsole(ReplSession session, Terminal terminal, Path historyFile, boolean echo) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.echo = echo;
    }

    /** A console on the process's terminal, or a dumb one when standard input or output is not a terminal. */
    public static ReplConsole system(ReplSession session, Path historyFile) {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(true).encoding(StandardCharsets.UTF_8).build();
            boolean dumb = Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType());
            // Lines read from a pipe or file are echoed after the prompt, so the output reads as a transcript.
            return new ReplConsole(session, t, dumb ? null : historyFile, dumb && System.console() == null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A console on a dumb terminal over the given streams (scripts, tests): no history file; each line read is
     * echoed after the prompt, so the output is a transcript of the session.
     */
    public static ReplConsole streams(ReplSession session, InputStream in, OutputStream out) {
        try {
            Terminal t = new DumbTerminal("ksim", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
            t.echo(false);
            return new ReplConsole(session, t, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code banner}, then reads and runs lines until {@code exit}, {@code quit} or end of input. */
    public int run(String banner) {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("ksim")
                .completer(new ReplCompleter(session.cluster().api()))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, false);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        out.print(banner);
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line being typed, as a shell does
                } catch (EndOfFileException e) {
                    out.println();
                    break;
                }
                if (echo) {
                    out.println(line);
                }
                ReplResult result = session.run(line);
                out.print(result.output());
                out.flush();
                if (result.exit()) {
                    break;
                }
            }
        } finally {
            out.flush();
            try {
                reader.getHistory().save();
            } catch (IOException | RuntimeException e) {
                // history is a convenience: losing it must not fail the session
            }
            try {
                terminal.close();
            } catch (IOException e) {
                // closing the terminal at the end cannot change what was printed
            }
        }
        return 0;
    }
}
