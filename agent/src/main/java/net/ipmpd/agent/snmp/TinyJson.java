package net.ipmpd.agent.snmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259) for snmp.json that remembers the line of every value, so a
 * configuration error can name file:line. Numbers are kept as their text.
 */
final class TinyJson {

    /** A parsed value and the line it starts on. */
    record Node(Object value, int line) {
        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> array() {
            return (List<Node>) value;
        }
    }

    /** A number literal, kept as written. */
    record Number(String text) {
    }

    /** Bad JSON, with the line it was found on. */
    static final class SyntaxError extends Exception {
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private TinyJson(String text) {
        this.text = text;
    }

    static Node parse(String text) throws SyntaxError {
        TinyJson p = new TinyJson(text);
        Node n = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new SyntaxError(p.line, "unexpected text after the JSON value");
        }
        return n;
    }

    private Node value() throws SyntaxError {
        skipSpace();
        if (pos >= text.length()) {
            throw new SyntaxError(line, "unexpected end of file");
        }
        int at = line;
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> new Node(object(), at);
            case '[' -> new Node(array(), at);
            case '"' -> new Node(string(), at);
            case 't' -> literal("true", Boolean.TRUE, at);
            case 'f' -> literal("false", Boolean.FALSE, at);
            case 'n' -> literal("null", null, at);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield new Node(number(), at);
                }
                throw new SyntaxError(line, "unexpected character '" + c + "'");
            }
        };
    }

    private Node literal(String word, Object value, int at) throws SyntaxError {
        if (!text.startsWith(word, pos)) {
            throw new SyntaxError(line, "expected " + word);
        }
        pos += word.length();
        return new Node(value, at);
    }

    private Number number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        return new Number(text.substring(start, pos));
    }

    private Map<String, Node> object() throws SyntaxError {
        Map<String, Node> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw new SyntaxError(line, "expected a member name in double quotes");
            }
            int keyLine = line;
            String key = string();
            skipSpace();
            expect(':');
            if (m.put(key, value()) != null) {
                throw new SyntaxError(keyLine, "\"" + key + "\" is given twice");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return m;
            } else {
                throw new SyntaxError(line, "expected ',' or '}'");
            }
        }
    }

    private List<Node> array() throws SyntaxError {
        List<Node> l = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            l.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return l;
            } else {
                throw new SyntaxError(line, "expected ',' or ']'");
            }
        }
    }

    private String string() throws SyntaxError {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxError(line, "unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                throw new SyntaxError(line, "line break inside a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxError(line, "unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new SyntaxError(line, "bad \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new SyntaxError(line, "bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw new SyntaxError(line, "bad escape \\" + e);
            }
        }
    }

    private void expect(char c) throws SyntaxError {
        if (peek() != c) {
            throw new SyntaxError(line, "expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
