package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.ksim.kubectl.printers.JsonPathNode.ArrayNodeT;
import io.ksim.kubectl.printers.JsonPathNode.FieldNode;
import io.ksim.kubectl.printers.JsonPathNode.FilterNode;
import io.ksim.kubectl.printers.JsonPathNode.IdentifierNode;
import io.ksim.kubectl.printers.JsonPathNode.ListNode;
import io.ksim.kubectl.printers.JsonPathNode.LiteralNode;
import io.ksim.kubectl.printers.JsonPathNode.RecursiveNode;
import io.ksim.kubectl.printers.JsonPathNode.TextNodeT;
import io.ksim.kubectl.printers.JsonPathNode.UnionNode;
import io.ksim.kubectl.printers.JsonPathNode.WildcardNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link JsonPath} template into its parse tree, as client-go's parser does, with its error texts. */
final class JsonPathParser {

    private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
    private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
    private static final Pattern FILTER = Pattern.compile("^([^!<>=]+)([!<>=]+)(.+?)$", Pattern.DOTALL);

    private final String input;
    private int pos;
    private int start;

    JsonPathParser(String input) {
        this.input = input;
    }

    List<JsonPathNode> parse() {
        List<JsonPathNode> root = new ArrayList<>();
        while (pos < input.length()) {
            int open = input.indexOf('{', pos);
            if (open < 0) {
                root.add(new TextNodeT(input.substring(pos)));
                pos = input.length();
                break;
            }
            if (open > pos) {
                root.add(new TextNodeT(input.substring(pos, open)));
            }
            pos = open + 1;
            start = pos;
            List<JsonPathNode> action = new ArrayList<>();
            parseInsideAction(action);
            root.add(new ListNode(action));
        }
        return root;
    }

    /** Parses "{" + text + "}" and returns the inside of its one action. */
    static List<JsonPathNode> parseAction(String text) {
        JsonPathParser p = new JsonPathParser("{" + text + "}");
        List<JsonPathNode> root = p.parse();
        return ((ListNode) root.get(0)).nodes();
    }

    private int next() {
        if (pos >= input.length()) {
            pos++;
            return -1;
        }
        int r = input.codePointAt(pos);
        pos += Character.charCount(r);
        return r;
    }

    private void backup(int r) {
        pos -= r < 0 ? 1 : Character.charCount(r);
    }

    private int peek() {
        int r = next();
        backup(r);
        return r;
    }

    private String consume() {
        String v = input.substring(start, Math.min(pos, input.length()));
        start = pos;
        return v;
    }

    /** Reads nodes until the closing brace. */
    private void parseInsideAction(List<JsonPathNode> cur) {
        while (true) {
            if (input.startsWith("}", pos)) {
                pos++;
                start = pos;
                return;
            }
            if (input.startsWith("[?(", pos)) {
                parseFilter(cur);
                continue;
            }
            if (input.startsWith("..", pos)) {
                parseRecursive(cur);
                continue;
            }
            int r = next();
            if (r == -1 || r == '\r' || r == '\n') {
                throw new JsonPathException("unclosed action");
            } else if (r == ' ' || r == '@' || r == '$') {
                consume();
            } else if (r == '[') {
                parseArray(cur);
            } else if (r == '"' || r == '\'') {
                parseQuote(cur, r);
            } else if (r == '.') {
                parseField(cur);
            } else if (r == '+' || r == '-' || Character.isDigit(r)) {
                backup(r);
                parseNumber(cur);
            } else if (isAlphaNumeric(r)) {
                backup(r);
                parseIdentifier(cur);
            } else {
                throw new JsonPathException(String.format("unrecognized character in action: U+%04X '%s'", r,
                        new String(Character.toChars(r))));
            }
        }
    }

    private void parseIdentifier(List<JsonPathNode> cur) {
        while (true) {
            int r = next();
            if (isTerminator(r)) {
                backup(r);
                break;
            }
        }
        String value = consume();
        if (value.equals("true") || value.equals("false")) {
            cur.add(new LiteralNode(BooleanNode.valueOf(Boolean.parseBoolean(value))));
        } else {
            cur.add(new IdentifierNode(value));
        }
    }

    private void parseRecursive(List<JsonPathNode> cur) {
        if (!cur.isEmpty() && cur.get(cur.size() - 1) instanceof RecursiveNode) {
            throw new JsonPathException("invalid multiple recursive descent");
        }
        pos += 2;
        consume();
        cur.add(new RecursiveNode());
        int r = peek();
        if (r >= 0 && isAlphaNumeric(r)) {
            parseField(cur);
        }
    }

    private void parseNumber(List<JsonPathNode> cur) {
        int r = peek();
        if (r == '+' || r == '-') {
            next();
        }
        while (true) {
            r = next();
            if (r != '.' && !(r >= 0 && Character.isDigit(r))) {
                backup(r);
                break;
            }
        }
        String value = consume();
        try {
            cur.add(new LiteralNode(LongNode.valueOf(Long.parseLong(value.startsWith("+") ? value.substring(1) : value))));
            return;
        } catch (NumberFormatException e) {
            // not an integer: try a float
        }
        try {
            cur.add(new LiteralNode(DoubleNode.valueOf(Double.parseDouble(value))));
        } catch (NumberFormatException e) {
            throw new JsonPathException("cannot parse number " + value);
        }
    }

    private void parseArray(List<JsonPathNode> cur) {
        while (true) {
            int r = next();
            if (r == -1 || r == '\n') {
                throw new JsonPathException("unterminated array");
            }
            if (r == ']') {
                break;
            }
        }
        String text = consume();
        text = text.substring(1, text.length() - 1);
        if (text.equals("*")) {
            text = ":";
        }
        String[] parts = text.split(",", -1);
        if (parts.length > 1) {
            List<List<JsonPathNode>> union = new ArrayList<>();
            for (String part : parts) {
                union.add(parseAction("[" + part.strip() + "]"));
            }
            cur.add(new UnionNode(union));
            return;
        }
        Matcher dict = DICT_KEY.matcher(text);
        if (dict.matches()) {
            cur.addAll(parseAction("." + dict.group(1)));
            return;
        }
        Matcher slice = SLICE.matcher(text);
        if (!slice.matches()) {
            throw new JsonPathException("invalid array index " + text);
        }
        int[] values = new int[3];
        boolean[] known = new boolean[3];
        boolean derived = false;
        for (int i = 0; i < 3; i++) {
            String v = slice.group(i + 1);
            if (v != null && !v.isEmpty()) {
                if (i > 0) {
                    v = v.substring(1);
                }
                if (i > 0 && v.isEmpty()) {
                    known[i] = false;
                } else {
                    try {
                        values[i] = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new JsonPathException("array index " + v + " is not a number");
                    }
                    known[i] = true;
                }
            } else if (i == 1) {
                known[1] = true;
                values[1] = values[0] + 1;
                derived = true;
            }
        }
        cur.add(new ArrayNodeT(values, known, derived));
    }

    private void parseFilter(List<JsonPathNode> cur) {
        pos += 3;
        consume();
        boolean begin = false;
        boolean end = false;
        int pair = 0;
        while (true) {
            int r = next();
            if (r == -1 || r == '\n') {
                throw new JsonPathException("unterminated filter");
            }
            if (r == '"' || r == '\'') {
                if (!begin) {
                    begin = true;
                    pair = r;
                    continue;
                }
                if (input.charAt(pos - 2) != '\\' && r == pair) {
                    end = true;
                }
            } else if (r == ')' && begin == end) {
                break;
            }
        }
        if (next() != ']') {
            throw new JsonPathException("unclosed array expect ]");
        }
        String text = consume();
        text = text.substring(0, text.length() - 2);
        Matcher m = FILTER.matcher(text);
        if (!m.matches()) {
            cur.add(new FilterNode(parseAction(text), List.of(), "exists"));
        } else {
            cur.add(new FilterNode(parseAction(m.group(1)), parseAction(m.group(3)), m.group(2)));
        }
    }

    private void parseQuote(List<JsonPathNode> cur, int quote) {
        while (true) {
            int r = next();
            if (r == -1 || r == '\n') {
                throw new JsonPathException("unterminated quoted string");
            }
            if (r == quote && input.charAt(pos - 2) != '\\') {
                break;
            }
        }
        String value = consume();
        cur.add(new TextNodeT(unquote(value)));
    }

    private void parseField(List<JsonPathNode> cur) {
        consume();
        while (true) {
            int r = next();
            if (r == '\\') {
                next();
            } else if (isTerminator(r)) {
                backup(r);
                break;
            }
        }
        String value = consume();
        if (value.equals("*")) {
            cur.add(new WildcardNode());
        } else {
            cur.add(new FieldNode(value.replace("\\", "")));
        }
    }

    private static boolean isTerminator(int r) {
        return switch (r) {
            case -1, ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}' -> true;
            default -> false;
        };
    }

    private static boolean isAlphaNumeric(int r) {
        return r == '_' || Character.isLetter(r) || Character.isDigit(r);
    }

    /** Go's string unquoting for "..." and '...' literals: \n, \t, \\, \", \', \xNN, \\uNNNN. */
    private static String unquote(String s) {
        String body = s.substring(1, s.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                sb.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
