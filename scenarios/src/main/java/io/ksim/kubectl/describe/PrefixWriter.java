package io.ksim.kubectl.describe;

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
        buf.append("  ".repeat(level + indent));
        buf.append(args.length == 0 ? format : String.format(format, args));
    }

    /** Writes the words separated by blanks and a newline, without indentation (only a nested writer's). */
    void writeLine(Object... words) {
        buf.append("  ".repeat(indent));
        for (int i = 0; i < words.length; i++) {
            buf.append(i == 0 ? "" : " ").append(words[i]);
        }
        buf.append('\n');
    }

    /** The description with its columns aligned. */
    String text() {
        return TabWriter.format(buf.toString());
    }
}
