package io.ksim.kubectl.describe;

import io.ksim.kubectl.printers.TabWriter;

/**
 * Collects a description as kubectl's describers write it: each write is indented by two blanks per level,
 * cells are separated by tabs, and {@link #text()} aligns them with {@link TabWriter}. A nested writer adds
 * its own levels to every write, as kubectl's nested prefix writer does.
 */
final class PrefixWriter {

    static final int LEVEL_0 = 0;
    static final int LEVEL_1 = 1;
    static final int LEVEL_2 = 2;
    static final int LEVEL_3 = 3;
    static final int LEVEL_4 = 4;

    private final StringBuilder buf;
    private final int indent;

    PrefixWriter() {
        this(new StringBuilder(), 0);
    }

    private PrefixWriter(StringBuilder buf, int indent) {
        this.buf = buf;
        this.indent = indent;
    }

    /** A writer into the same text whose levels start {@code levels} deeper. */
    PrefixWriter nested(int levels) {
        return new PrefixWriter(buf, indent + levels);
    }

    /** Writes {@code String.format(format, args)} after the level's indentation. */
    void write(int level, String format, Object... args) {
        String text = "  ".repeat(level + indent) + (args.length == 0 ? format : String.format(format, args));
        buf.append(escapeTerminal(text));
    }

    /** kubectl escapes what would drive the terminal: ESC as {@code ^[}, a carriage return as {@code \r}. */
    private static String escapeTerminal(String s) {
        return s.indexOf('\u001b') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\u001b", "^[").replace("\r", "\\r");
    }

    /** Writes the words separated by blanks and a newline, without indentation (only a nested writer's). */
    void writeLine(Object... words) {
        StringBuilder line = new StringBuilder("  ".repeat(indent));
        for (int i = 0; i < words.length; i++) {
            line.append(i == 0 ? "" : " ").append(words[i]);
        }
        buf.append(escapeTerminal(line.append('\n').toString()));
    }

    /** The description with its columns aligned. */
    String text() {
        return TabWriter.describe(buf.toString());
    }
}
