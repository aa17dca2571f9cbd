package net.ipmpd.yang.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON reader of ipmpd's files (the configuration, snmp.json, the NETCONF settings):
 * strict RFC 8259, every value and member name with the line it starts on, so that each error
 * names file:line. A member name given twice in one object is an error (RFC 8259 section 4 says
 * names SHOULD be unique; a reader that kept one of them would apply something the operator did
 * not mean). Numbers are kept as written; the reader of a file decides what they must be.
 */
public final class LinedJson {
    /** A parsed value and the line it starts on. */
    public sealed interface Value {
        int line();

        /** "an object", "a string", ...: for messages that say what was found. */
        String kind();
    }

    /** An object; members keep the file's order. */
    public record Obj(int line, List<Member> members) implements Value {
        public Obj {
            members = List.copyOf(members);
        }

        public Optional<Member> member(String name) {
            return members.stream().filter(m -> m.name().equals(name)).findFirst();
        }

        public Optional<Value> get(String name) {
            return member(name).map(Member::value);
        }

        /** The members by name, in the file's order. */
        public Map<String, Value> asMap() {
            Map<String, Value> out = new LinkedHashMap<>();
            members.forEach(m -> out.put(m.name(), m.value()));
            return Collections.unmodifiableMap(out);
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    /** A member of an object; its line is where its name is, where an editor should jump. */
    public record Member(String name, int line, Value value) {
    }

    public record Arr(int line, List<Value> items) implements Value {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    public record Str(int line, String text) implements Value {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A number literal, as written. */
    public record Num(int line, String text) implements Value {
        @Override
        public String kind() {
            return "a number";
        }
    }

    public record Bool(int line, boolean value) implements Value {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    public record Null(int line) implements Value {
        @Override
        public String kind() {
            return "null";
        }
    }

    /**
     * Text that is not JSON, with the line where that was noticed and the members and array
     * positions above that place ({@code ["ipmp:ipmp", "group", 0]}: a String is a member name,
     * an Integer a position counted from 0).
     */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final transient List<Object> where;

        SyntaxError(int line, List<Object> where, String message) {
            super(message);
            this.line = line;
            this.where = List.copyOf(where);
        }

        public int line() {
            return line;
        }

        public List<Object> where() {
            return where;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;
    private final List<Object> where = new ArrayList<>();

    private LinedJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value that fills {@code text} (white space around it allowed). */
    public static Value parse(String text) throws SyntaxError {
        LinedJson p = new LinedJson(text);
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw p.error("the file is empty: expected a JSON object");
        }
        Value v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    private Value value() throws SyntaxError {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of the file: expected a value");
        }
        int at = line;
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new Str(at, string());
            case 't' -> literal("true", new Bool(at, true));
            case 'f' -> literal("false", new Bool(at, false));
            case 'n' -> literal("null", new Null(at));
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield new Num(at, number());
                }
                throw error("unexpected character '" + c + "': expected a value");
            }
        };
    }

    private Obj object() throws SyntaxError {
        int at = line;
        pos++;   // {
        List<Member> members = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new Obj(at, members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error(pos >= text.length() ? "unexpected end of the file: expected a member name" : "expected a member name");
            }
            int nameLine = line;
            String name = string();
            for (Member m : members) {
                if (m.name().equals(name)) {
                    throw error(nameLine, "\"" + name + "\" is given twice (first at line " + m.line() + ")");
                }
            }
            skipSpace();
            if (peek() != ':') {
                throw error("expected ':' after the member name \"" + name + "\"");
            }
            pos++;
            where.add(name);
            Value v = value();
            where.removeLast();
            members.add(new Member(name, nameLine, v));
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return new Obj(at, members);
            } else {
                throw error(pos >= text.length() ? "unexpected end of the file: expected ',' or '}'"
                        : "expected ',' or '}' after the member \"" + name + "\"");
            }
        }
    }

    private Arr array() throws SyntaxError {
        int at = line;
        pos++;   // [
        List<Value> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new Arr(at, items);
        }
        while (true) {
            where.add(items.size());
            items.add(value());
            where.removeLast();
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return new Arr(at, items);
            } else {
                throw error(pos >= text.length() ? "unexpected end of the file: expected ',' or ']'" : "expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws SyntaxError {
        pos++;   // "
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error(c == '\n' ? "a string is not closed before the end of the line" : "a control character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a \\u escape needs four hexadecimal digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("a \\u escape needs four hexadecimal digits");
                    }
                    pos += 4;
                }
                default -> throw error("unknown escape \\" + e + " in a string");
            }
        }
    }

    private String number() throws SyntaxError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a number needs digits after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs digits in its exponent");
            }
            digits();
        }
        if (Character.isLetterOrDigit(peek())) {
            throw error("unexpected character '" + peek() + "' in a number");
        }
        return text.substring(start, pos);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Value literal(String word, Value v) throws SyntaxError {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word: expected a value (a string must be quoted)");
        }
        pos += word.length();
        if (Character.isLetterOrDigit(peek())) {
            throw error("unexpected word: expected a value (a string must be quoted)");
        }
        return v;
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

    private SyntaxError error(String message) {
        return error(line, message);
    }

    private SyntaxError error(int at, String message) {
        return new SyntaxError(at, where, message);
    }
}
