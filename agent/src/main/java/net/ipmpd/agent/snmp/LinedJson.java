package net.ipmpd.agent.snmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * snmp.json read into a tree that remembers the line of every value, so that a configuration
 * error can name file:line. jackson-core does the parsing (as for the NETCONF settings); numbers
 * are kept as their text.
 */
final class LinedJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

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
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private LinedJson() {
    }

    static Node parse(String text) throws SyntaxError {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new SyntaxError(1, "the file is empty: expected a JSON object");
            }
            Node n = value(p);
            if (p.nextToken() != null) {
                throw new SyntaxError(line(p), "unexpected text after the JSON value");
            }
            return n;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new SyntaxError(line, e.getOriginalMessage());
        } catch (IOException e) {
            throw new SyntaxError(1, e.getMessage());
        }
    }

    private static Node value(JsonParser p) throws IOException, SyntaxError {
        int line = line(p);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    p.nextToken();
                    if (m.put(key, value(p)) != null) {
                        throw new SyntaxError(keyLine, "\"" + key + "\" is given twice");
                    }
                }
                return new Node(m, line);
            }
            case START_ARRAY -> {
                List<Node> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return new Node(l, line);
            }
            case VALUE_STRING -> {
                return new Node(p.getText(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node(new Number(p.getText()), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(t == JsonToken.VALUE_TRUE, line);
            }
            case VALUE_NULL -> {
                return new Node(null, line);
            }
            default -> throw new SyntaxError(line, "unexpected " + t);
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
