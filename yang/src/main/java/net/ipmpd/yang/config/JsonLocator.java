package net.ipmpd.yang.config;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things are in a JSON configuration file. yangtools' parser forgets line numbers and its
 * errors speak of JSON positions; ConfigValidator speaks YANG instance paths. This pre-scan keeps
 * a small positional tree of the file so both can be turned into "file:line: /ipmp/...".
 */
final class JsonLocator {
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");
    private static final Pattern SEGMENT = Pattern.compile("([^/\\[]+)((?:\\[[^=\\]]+='(?:[^']|'')*'\\])*)");
    private static final Pattern PREDICATE = Pattern.compile("\\[([^=\\]]+)='((?:[^']|'')*)'\\]");

    sealed interface Node {
        int line();
    }

    record Obj(int line, Map<String, Node> members, List<String> twice) implements Node {
        Obj(int line, Map<String, Node> members) {
            this(line, members, List.of());
        }
    }

    record Arr(int line, List<Node> items) implements Node {
    }

    record Scalar(int line, String text) implements Node {
    }

    private final Node root;
    private final Map<String, String> listKeys;

    private JsonLocator(Node root, Map<String, String> listKeys) {
        this.root = root;
        this.listKeys = listKeys;
    }

    /**
     * Scans {@code text}; empty when it is not well-formed JSON (the real parse then reports the
     * syntax error with its own line).
     *
     * @param listKeys the key leaf of every keyed list, by list name
     */
    static Optional<JsonLocator> scan(String text, Map<String, String> listKeys) {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(com.google.gson.Strictness.STRICT);
            Node root = read(r, 1);
            return Optional.of(new JsonLocator(root, listKeys));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean isEmptyObject() {
        return root instanceof Obj o && o.members().isEmpty();
    }

    /** The line a JsonReader is at, from its description ("JsonReader at line 3 column 7 path ..."). */
    static OptionalInt lineOf(JsonReader reader) {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static Node read(JsonReader r, int line) throws IOException {
        JsonToken t = r.peek();
        int here = lineOf(r).orElse(line);
        switch (t) {
            case BEGIN_OBJECT -> {
                r.beginObject();
                Map<String, Node> members = new LinkedHashMap<>();
                List<String> twice = new ArrayList<>();
                while (r.hasNext()) {
                    String name = r.nextName();
                    int nameLine = lineOf(r).orElse(here);
                    Node value = read(r, nameLine);
                    // The member's line is where its name is, which is where an editor should jump.
                    if (members.putIfAbsent(stripPrefix(name), withLine(value, nameLine)) != null) {
                        twice.add(stripPrefix(name));
                    }
                }
                r.endObject();
                return new Obj(here, members, twice);
            }
            case BEGIN_ARRAY -> {
                r.beginArray();
                List<Node> items = new ArrayList<>();
                while (r.hasNext()) {
                    int itemLine = lineOf(r).orElse(here);
                    items.add(read(r, itemLine));
                }
                r.endArray();
                return new Arr(here, items);
            }
            case NULL -> {
                r.nextNull();
                return new Scalar(here, "null");
            }
            case BOOLEAN -> {
                return new Scalar(here, Boolean.toString(r.nextBoolean()));
            }
            default -> {
                return new Scalar(here, r.nextString());
            }
        }
    }

    private static Node withLine(Node n, int line) {
        return switch (n) {
            case Obj o -> new Obj(line, o.members(), o.twice());
            case Arr a -> new Arr(line, a.items());
            case Scalar s -> new Scalar(line, s.text());
        };
    }

    /** RFC 7951 section 4: a member name is "module:name" where the module changes; we key by name. */
    static String stripPrefix(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /**
     * The line of the deepest node of {@code yangPath} (e.g.
     * {@code /ipmp/group[name='g0']/data-address[address='198.18.1.10']/home-member}) that exists
     * in the file: a missing leaf is reported at its parent's line.
     */
    OptionalInt lineOf(String yangPath) {
        Node at = root;
        int line = -1;
        for (String seg : splitPath(yangPath)) {
            Matcher m = SEGMENT.matcher(seg);
            if (!m.matches() || !(at instanceof Obj o)) {
                break;
            }
            Node next = o.members().get(stripPrefix(m.group(1)));
            if (next == null) {
                break;
            }
            String predicates = m.group(2);
            if (!predicates.isEmpty()) {
                if (!(next instanceof Arr arr)) {
                    break;
                }
                line = arr.line();
                Node entry = findEntry(arr, predicates);
                if (entry == null) {
                    break;
                }
                next = entry;
            }
            at = next;
            line = at.line();
        }
        return line < 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    private static Node findEntry(Arr arr, String predicates) {
        Matcher p = PREDICATE.matcher(predicates);
        Map<String, String> wanted = new LinkedHashMap<>();
        while (p.find()) {
            wanted.put(p.group(1), p.group(2).replace("''", "'"));
        }
        for (Node item : arr.items()) {
            if (matches(item, wanted)) {
                return item;
            }
        }
        return null;
    }

    private static boolean matches(Node item, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            String actual;
            if (w.getKey().equals(".")) {
                actual = item instanceof Scalar s ? s.text() : null;
            } else if (item instanceof Obj o && o.members().get(w.getKey()) instanceof Scalar s) {
                actual = s.text();
            } else {
                actual = null;
            }
            if (actual == null || !YangValues.sameValue(actual, w.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Entries of one list with the same key, and members named twice in one object: RFC 7951
     * forbids both, and a parser that keeps one of them silently would apply something the
     * operator did not mean.
     */
    List<net.ipmpd.engine.config.ConfigProblem> duplicates() {
        List<net.ipmpd.engine.config.ConfigProblem> out = new ArrayList<>();
        findDuplicates(root, "", out);
        return out;
    }

    private void findDuplicates(Node node, String path, List<net.ipmpd.engine.config.ConfigProblem> out) {
        if (node instanceof Obj o) {
            for (Map.Entry<String, Node> m : o.members().entrySet()) {
                String name = m.getKey();
                String childPath = path + "/" + name;
                if (m.getValue() instanceof Arr arr) {
                    String key = listKeys.get(name);
                    List<String> seen = new ArrayList<>();
                    for (Node item : arr.items()) {
                        String value = key == null
                                ? (item instanceof Scalar s ? s.text() : null)
                                : (item instanceof Obj e && e.members().get(key) instanceof Scalar s ? s.text() : null);
                        String itemPath = value == null ? childPath
                                : childPath + "[" + (key == null ? "." : key) + "=" + YangValues.quote(value) + "]";
                        if (value != null && seen.stream().anyMatch(v -> YangValues.sameValue(v, value))) {
                            out.add(new net.ipmpd.engine.config.ConfigProblem(itemPath,
                                    (key == null ? "value " : name + " ") + value + " is listed twice"));
                        } else if (value != null) {
                            seen.add(value);
                        }
                        findDuplicates(item, itemPath, out);
                    }
                } else {
                    findDuplicates(m.getValue(), childPath, out);
                }
            }
            for (String twice : o.twice()) {
                out.add(new net.ipmpd.engine.config.ConfigProblem(path + "/" + twice, twice + " is given twice"));
            }
        }
    }

    /** Splits "/a/b[k='x/y']/c" at the slashes outside quotes. */
    static List<String> splitPath(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '/' && !quoted) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * Turns a JsonReader path such as {@code $['ipmp:ipmp'].group[0].member[1].colour} or
     * {@code $.ipmp:ipmp.group[0].member[1].colour} into the YANG instance path of the same node,
     * {@code /ipmp/group[name='g0']/member[interface='eth1']/colour}, using the keys in the file.
     */
    static String yangPathOf(Optional<JsonLocator> locator, String jsonPath, Map<String, String> listKeys) {
        return locator.map(l -> l.yangPathOf(jsonPath))
                .orElseGet(() -> new JsonLocator(new Obj(1, Map.of()), listKeys).yangPathOf(jsonPath))
                .orElse("/");
    }

    Optional<String> yangPathOf(String jsonPath) {
        List<Object> steps = parseJsonPath(jsonPath);
        if (steps == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Node at = root;
        String lastName = null;
        for (Object step : steps) {
            if (step instanceof String name) {
                out.append('/').append(stripPrefix(name));
                lastName = stripPrefix(name);
                at = at instanceof Obj o ? o.members().get(lastName) : null;
            } else {
                int index = (Integer) step;
                Node item = at instanceof Arr a && index < a.items().size() ? a.items().get(index) : null;
                String key = lastName == null ? null : listKeys.get(lastName);
                if (item instanceof Scalar s) {
                    out.append("[.='").append(s.text().replace("'", "''")).append("']");
                } else if (key != null && item instanceof Obj o && o.members().get(key) instanceof Scalar s) {
                    out.append('[').append(key).append("='").append(s.text().replace("'", "''")).append("']");
                } else {
                    out.append('[').append(index + 1).append(']');   // XPath positions count from 1
                }
                at = item;
            }
        }
        String p = out.toString();
        return Optional.of(p.startsWith("/") ? p : "/");
    }

    /** Steps of a gson path: member names (String) and array indexes (Integer); null if unreadable. */
    static List<Object> parseJsonPath(String p) {
        if (!p.startsWith("$")) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                if (end > i + 1) {
                    steps.add(p.substring(i + 1, end));
                }
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                String inner = p.substring(i + 1, end);
                if (inner.startsWith("'") && inner.endsWith("'") && inner.length() >= 2) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                i = end + 1;
            } else {
                return null;
            }
        }
        return steps;
    }
}
