package net.ipmpd.yang.config;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain words for the errors of yangtools' JSON parser and gson: the operator should read what is
 * wrong with the value, not which Java class noticed.
 */
final class JsonErrors {
    private record Rule(Pattern pattern, Function<Matcher, String> text) {
    }

    private static final List<Rule> RULES = List.of(
            rule("Schema node with name (\\S+) was not found under (\\S+?)\\.?$",
                    m -> "unknown node '" + m.group(1) + "' in " + m.group(2)),
            rule("Schema for node with name (\\S+) and namespace (\\S+) does not exist",
                    m -> "unknown top-level node '" + m.group(1) + "'; the file must hold {\"ipmp:ipmp\": {...}}"),
            rule("Incorrect lexical representation of (?:\\w+ )?integer value: ([^\\n.]*)",
                    m -> "'" + m.group(1) + "' is not an integer"),
            rule("Value '([^']*)'\\s+is not in required ranges? \\[\\[?([^\\]]*)\\]\\]?",
                    m -> m.group(1) + " is out of range (allowed: " + m.group(2) + ")"),
            rule("Value '([^']*)' does not match regular expression '(.*)'",
                    m -> "'" + m.group(1) + "' is not valid here (it must match " + m.group(2) + ")"),
            rule("Value '([^']*)' matches regular expression '(.*)'",
                    m -> "'" + m.group(1) + "' is not allowed here"),
            rule("Value length (\\d+) is not in required ranges? \\[\\[?([^\\]]*)\\]\\]?",
                    m -> "the value is " + m.group(1) + " characters long (allowed: " + m.group(2) + ")"),
            rule("Invalid value '([^']*)' for boolean type",
                    m -> "'" + m.group(1) + "' is not a boolean; write true or false"),
            rule("Invalid value '([^']*)' for (\\S+) type",
                    m -> "'" + m.group(1) + "' is not a valid " + m.group(2)),
            rule("Expected (.*?) but was (\\w+) at line \\d+ column \\d+",
                    m -> "malformed JSON: expected " + m.group(1).toLowerCase(java.util.Locale.ROOT) + " but found "
                            + m.group(2).toLowerCase(java.util.Locale.ROOT)),
            rule("Found an unexpected array nested under data",
                    m -> "the file must be a JSON object: {\"ipmp:ipmp\": {...}}"),
            rule("^(.*?) at line \\d+ column \\d+ path \\S+",
                    m -> "malformed JSON: " + m.group(1).toLowerCase(java.util.Locale.ROOT)));

    private JsonErrors() {
    }

    private static Rule rule(String regex, Function<Matcher, String> text) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), text);
    }

    static String describe(Exception e) {
        String raw = YangErrors.plain(e);
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(raw);
            if (m.find()) {
                return r.text().apply(m);
            }
        }
        // Unknown wording: keep the first line, without yangtools' internals.
        int nl = raw.indexOf('\n');
        return nl < 0 ? raw : raw.substring(0, nl);
    }
}
