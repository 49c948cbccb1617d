package io.ksim.api.selector;

import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label selector grammar, as upstream's lexer and recursive-descent parser read it:
 * <pre>
 *  selector    ::= requirement | requirement "," selector
 *  requirement ::= ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 * </pre>
 * Whitespace (space, tab, CR, LF) separates tokens and is otherwise ignored; identifiers run until whitespace or
 * one of {@code = ! ( ) , > <}. The words {@code in} and {@code notin} are operators after a key but plain
 * values inside a value list or after {@code =}. Value lists are sets ({@code (b,a,a)} is {@code {a,b}}), and
 * empty entries are the empty value: {@code ()}, {@code (,a)} and {@code (a,,b)} all contain {@code ""}.
 * Error texts, including their odd spacing, are upstream's.
 */
final class LabelSelectorParser {

    enum Tok { ERROR, END, CLOSE_PAR, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GT, IDENT, IN, LT, NOT_EQUALS, NOT_IN, OPEN_PAR }

    private record Item(Tok tok, String literal) {
    }

    private static final Map<String, Tok> KEYWORDS = Map.ofEntries(
            Map.entry(")", Tok.CLOSE_PAR), Map.entry(",", Tok.COMMA), Map.entry("!", Tok.NOT),
            Map.entry("==", Tok.DOUBLE_EQUALS), Map.entry("=", Tok.EQUALS), Map.entry(">", Tok.GT),
            Map.entry("in", Tok.IN), Map.entry("<", Tok.LT), Map.entry("!=", Tok.NOT_EQUALS),
            Map.entry("notin", Tok.NOT_IN), Map.entry("(", Tok.OPEN_PAR));

    private final String s;
    private final FieldPath path;
    private int pos;
    private final List<Item> items = new ArrayList<>();
    private int position;

    private LabelSelectorParser(String s, FieldPath path) {
        this.s = s;
        this.path = path;
    }

    /** The requirements of {@code selector} in input order (the caller sorts them by key). */
    static List<Requirement> parse(String selector, FieldPath path) {
        LabelSelectorParser p = new LabelSelectorParser(selector, path);
        p.scan();
        return p.parseSelector();
    }

    // ---- lexer: works on chars; every special character is ASCII, so this splits exactly as upstream's bytes do

    /** The next char, or NUL at the end. A NUL inside the input also reads as the end, as upstream's does. */
    private char read() {
        char c = 0;
        if (pos < s.length()) {
            c = s.charAt(pos);
            pos++;
        }
        return c;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }

    private Item lex() {
        char c = read();
        while (isWhitespace(c)) {
            c = read();
        }
        if (c == 0) {
            return new Item(Tok.END, "");
        }
        pos--;
        return isSpecial(c) ? scanSpecial() : scanIdentOrKeyword();
    }

    private Item scanIdentOrKeyword() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (isSpecial(c) || isWhitespace(c)) {
                pos--;
                break;
            }
            sb.append(c);
        }
        String lit = sb.toString();
        Tok t = KEYWORDS.get(lit);
        return new Item(t != null ? t : Tok.IDENT, lit);
    }

    /** The longest run of special characters that is an operator: {@code !=} over {@code !}, {@code ==} over =. */
    private Item scanSpecial() {
        StringBuilder sb = new StringBuilder();
        Item last = null;
        while (true) {
            char c = read();
            if (c == 0) {
                break;
            }
            if (!isSpecial(c)) {
                pos--;
                break;
            }
            sb.append(c);
            Tok t = KEYWORDS.get(sb.toString());
            if (t != null) {
                last = new Item(t, sb.toString());
            } else if (last != null) {
                pos--;
                break;
            }
        }
        if (last == null) {
            return new Item(Tok.ERROR, "error expected: keyword found '" + sb + "'");
        }
        return last;
    }

    private void scan() {
        while (true) {
            Item it = lex();
            items.add(it);
            if (it.tok() == Tok.END) {
                return;
            }
        }
    }

    // ---- parser

    /** In value context the words in/notin are plain identifiers. */
    private Item lookahead(boolean values) {
        return contextual(items.get(position), values);
    }

    private Item consume(boolean values) {
        return contextual(items.get(position++), values);
    }

    private static Item contextual(Item it, boolean values) {
        if (values && (it.tok() == Tok.IN || it.tok() == Tok.NOT_IN)) {
            return new Item(Tok.IDENT, it.literal());
        }
        return it;
    }

    private static SelectorException error(String msg) {
        return new SelectorException(msg);
    }

    private List<Requirement> parseSelector() {
        List<Requirement> reqs = new ArrayList<>();
        while (true) {
            Item it = lookahead(true);
            switch (it.tok()) {
                case IDENT, NOT -> {
                    try {
                        reqs.add(parseRequirement());
                    } catch (SelectorException e) {
                        throw new SelectorException("unable to parse requirement: " + e.getMessage(), e.fieldErrors());
                    }
                    Item next = consume(true);
                    switch (next.tok()) {
                        case END -> {
                            return reqs;
                        }
                        case COMMA -> {
                            Item after = lookahead(true);
                            if (after.tok() != Tok.IDENT && after.tok() != Tok.NOT) {
                                throw error("found '" + after.literal() + "', expected: identifier after ','");
                            }
                        }
                        default -> throw error("found '" + next.literal() + "', expected: ',' or 'end of string'");
                    }
                }
                case END -> {
                    return reqs;
                }
                default -> throw error("found '" + it.literal() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirement() {
        Operator op = null;
        Item it = consume(true);
        if (it.tok() == Tok.NOT) {
            op = Operator.DOES_NOT_EXIST;
            it = consume(true);
        }
        if (it.tok() != Tok.IDENT) {
            throw error("found '" + it.literal() + "', expected: identifier");
        }
        String key = it.literal();
        // Checked here with the caller's path (which prints as <nil> when none was given), before any operator.
        FieldError keyErr = Requirement.validateKey(key, path);
        if (keyErr != null) {
            throw new SelectorException(keyErr.error(), List.of(keyErr));
        }
        Tok next = lookahead(true).tok();
        if ((next == Tok.END || next == Tok.COMMA) && op == null) {
            op = Operator.EXISTS;
        }
        // A "!key" followed by anything is still a does-not-exist requirement; what follows fails one level up.
        if (op != null) {
            return Requirement.of(key, op, List.of(), path);
        }
        op = parseOperator();
        List<String> values = (op == Operator.IN || op == Operator.NOT_IN) ? parseValues() : parseExactValue();
        return Requirement.of(key, op, values, path);
    }

    private Operator parseOperator() {
        Item it = consume(false);
        return switch (it.tok()) {
            case IN -> Operator.IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case GT -> Operator.GREATER_THAN;
            case LT -> Operator.LESS_THAN;
            case NOT_IN -> Operator.NOT_IN;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            default -> throw error("found '" + it.literal() + "', expected: " + Operator.BINARY_LIST);
        };
    }

    private List<String> parseValues() {
        Item it = consume(true);
        if (it.tok() != Tok.OPEN_PAR) {
            throw error("found '" + it.literal() + "' expected: '('");
        }
        Item first = lookahead(true);
        switch (first.tok()) {
            case IDENT, COMMA -> {
                List<String> values = parseIdentifiersList();
                if (consume(true).tok() != Tok.CLOSE_PAR) {
                    // Upstream names the first token inside the parentheses here, not the one at fault.
                    throw error("found '" + first.literal() + "', expected: ')'");
                }
                return values;
            }
            case CLOSE_PAR -> {
                consume(true);
                return List.of("");
            }
            default -> throw error("found '" + first.literal() + "', expected: ',', ')' or identifier");
        }
    }

    /** A comma-separated list where missing entries are empty values; returns before the closing parenthesis. */
    private List<String> parseIdentifiersList() {
        TreeSet<String> set = new TreeSet<>();
        while (true) {
            Item it = consume(true);
            switch (it.tok()) {
                case IDENT -> {
                    set.add(it.literal());
                    Item next = lookahead(true);
                    switch (next.tok()) {
                        case COMMA -> {
                            // continue with the comma
                        }
                        case CLOSE_PAR -> {
                            return List.copyOf(set);
                        }
                        default -> throw error("found '" + next.literal() + "', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (set.isEmpty()) {
                        set.add(""); // "(," starts with an empty value
                    }
                    Item next = lookahead(true);
                    if (next.tok() == Tok.CLOSE_PAR) {
                        set.add(""); // ",)" ends with one
                        return List.copyOf(set);
                    }
                    if (next.tok() == Tok.COMMA) {
                        consume(true);
                        set.add(""); // ",," has one between
                    }
                }
                default -> throw error("found '" + it.literal() + "', expected: ',', or identifier");
            }
        }
    }

    private List<String> parseExactValue() {
        Tok t = lookahead(true).tok();
        if (t == Tok.END || t == Tok.COMMA) {
            return List.of("");
        }
        Item it = consume(true);
        if (it.tok() == Tok.IDENT) {
            return List.of(it.literal());
        }
        throw error("found '" + it.literal() + "', expected: identifier");
    }
}
