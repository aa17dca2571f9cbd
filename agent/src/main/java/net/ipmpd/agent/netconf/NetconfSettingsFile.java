package net.ipmpd.agent.netconf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the NETCONF settings file (the daemon's {@code --netconf-config}), for example:
 *
 * <pre>
 * {
 *   "listen-address": "127.0.0.1",
 *   "port": 830,
 *   "host-key": "/var/lib/ipmpd/ssh_host_key",
 *   "groups": { "admin": "read-write", "noc": "operator", "monitor": "read-only" },
 *   "users": [
 *     { "name": "alice", "password-hash": "$pbkdf2-sha512$210000$...$...", "groups": ["admin"] },
 *     { "name": "nms", "authorized-keys": ["ssh-ed25519 AAAA... nms@host"], "groups": ["monitor"] }
 *   ],
 *   "max-unauthenticated-connections": 100,
 *   "max-message-size": 4194304
 * }
 * </pre>
 *
 * The two limits are optional (defaults shown): connections still logging in at once, and the
 * largest NETCONF message in bytes. Every error names the file and line. Unknown keys are errors too: a misspelt
 * "pasword-hash" must not silently leave a user without a password.
 */
public final class NetconfSettingsFile {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String source;
    private final JsonParser parser;

    private NetconfSettingsFile(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    public static NetconfSettings load(Path file) throws NetconfSettingsException, IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static NetconfSettings parse(String text, String source) throws NetconfSettingsException {
        try (JsonParser p = JSON.createParser(text)) {
            return new NetconfSettingsFile(source, p).settings();
        } catch (JsonProcessingException e) {
            throw new NetconfSettingsException(source + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NetconfSettingsException(source + ": " + e.getMessage());
        }
    }

    private NetconfSettings settings() throws IOException, NetconfSettingsException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "the settings must be a JSON object");
        InetAddress address = InetAddress.getLoopbackAddress();
        int port = NetconfSettings.DEFAULT_PORT;
        Path hostKey = null;
        List<NetconfSettings.User> users = new ArrayList<>();
        Map<String, NetconfSettings.Access> groups = new LinkedHashMap<>();
        NetconfSettings.Limits defaults = NetconfSettings.Limits.DEFAULT;
        int maxUnauthenticated = defaults.maxUnauthenticatedConnections();
        int maxMessage = defaults.maxMessageBytes();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line();
            parser.nextToken();
            switch (key) {
                case "listen-address" -> address = address(string(key), line);
                case "port" -> port = integer(key, 1, 65535);
                case "host-key" -> {
                    Path p = Path.of(string(key));
                    if (!p.isAbsolute()) {
                        throw error(line, "host-key must be an absolute path, got " + p);
                    }
                    hostKey = p;
                }
                case "groups" -> groups(groups);
                case "users" -> users(users, groups);
                case "max-unauthenticated-connections" -> maxUnauthenticated = integer(key, 1, 10_000);
                case "max-message-size" -> maxMessage = integer(key, 4096, 1 << 30);
                default -> throw error(line, "unknown key '" + key + "' (expected listen-address, port, host-key, groups, users, "
                        + "max-unauthenticated-connections, max-message-size)");
            }
        }
        if (hostKey == null) {
            throw error(line(), "host-key is missing (an absolute path where the SSH host key is kept)");
        }
        for (NetconfSettings.User u : users) {
            for (String g : u.groups()) {
                if (!groups.containsKey(g)) {
                    throw new NetconfSettingsException(source + ": user '" + u.name() + "' is in group '" + g
                            + "', which is not defined under \"groups\"");
                }
            }
        }
        return new NetconfSettings(address, port, hostKey, users, groups,
                new NetconfSettings.Limits(maxUnauthenticated, maxMessage, defaults.hashThreads()));
    }

    private void groups(Map<String, NetconfSettings.Access> groups) throws IOException, NetconfSettingsException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "groups must be an object of group name to access");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = line();
            parser.nextToken();
            String label = string("groups." + name);
            NetconfSettings.Access access = NetconfSettings.Access.ofLabel(label)
                    .orElseThrow(() -> error(line, "group '" + name + "': access '" + label + "' is not read-only, operator or read-write"));
            if (groups.put(name, access) != null) {
                throw error(line, "group '" + name + "' is defined twice");
            }
        }
    }

    private void users(List<NetconfSettings.User> users, Map<String, NetconfSettings.Access> groups)
            throws IOException, NetconfSettingsException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "users must be an array");
        Map<String, Integer> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int userLine = line();
            String name = null;
            Optional<String> hash = Optional.empty();
            List<String> keys = new ArrayList<>();
            List<String> userGroups = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = line();
                parser.nextToken();
                switch (key) {
                    case "name" -> name = string(key);
                    case "password-hash" -> {
                        String h = string(key);
                        try {
                            PasswordHash.parse(h);
                        } catch (IllegalArgumentException e) {
                            throw error(line, e.getMessage());
                        }
                        hash = Optional.of(h);
                    }
                    case "password" -> throw error(line, "plain-text passwords are not accepted; store a password-hash "
                            + "(make one with: java -cp ... net.ipmpd.agent.netconf.PasswordHash)");
                    case "authorized-keys" -> {
                        for (String k : strings(key)) {
                            try {
                                AuthorizedKeys.parse(k);
                            } catch (IllegalArgumentException e) {
                                throw error(line, e.getMessage());
                            }
                            keys.add(k);
                        }
                    }
                    case "groups" -> userGroups.addAll(strings(key));
                    default -> throw error(line, "unknown key '" + key + "' in a user (expected name, password-hash, authorized-keys, groups)");
                }
            }
            if (name == null || name.isEmpty()) {
                throw error(userLine, "a user needs a name");
            }
            if (hash.isEmpty() && keys.isEmpty()) {
                throw error(userLine, "user '" + name + "' has neither a password-hash nor an authorized key and could never log in");
            }
            Integer previous = seen.put(name, userLine);
            if (previous != null) {
                throw error(userLine, "user '" + name + "' is already defined at line " + previous);
            }
            users.add(new NetconfSettings.User(name, hash, keys, userGroups));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, "users must be an array of objects");
    }

    private List<String> strings(String key) throws IOException, NetconfSettingsException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, key + " must be an array of strings");
        List<String> out = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            out.add(parser.getText());
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, key + " must be an array of strings");
        return out;
    }

    private String string(String key) throws IOException, NetconfSettingsException {
        expect(parser.currentToken(), JsonToken.VALUE_STRING, key + " must be a string");
        return parser.getText();
    }

    private int integer(String key, int min, int max) throws IOException, NetconfSettingsException {
        expect(parser.currentToken(), JsonToken.VALUE_NUMBER_INT, key + " must be an integer");
        long v = parser.getLongValue();
        if (v < min || v > max) {
            throw error(line(), key + " " + v + " is out of range " + min + "-" + max);
        }
        return (int) v;
    }

    private InetAddress address(String text, int line) throws NetconfSettingsException {
        // literal addresses only: a host name would mean a DNS lookup at start
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
            throw error(line, "listen-address '" + text + "' is not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw error(line, "listen-address '" + text + "' is not an IP address");
        }
    }

    private void expect(JsonToken actual, JsonToken expected, String message) throws NetconfSettingsException {
        if (actual != expected) {
            throw error(line(), message);
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private NetconfSettingsException error(int line, String message) {
        return new NetconfSettingsException(source + ":" + line + ": " + message);
    }
}
