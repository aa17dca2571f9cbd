package net.ipmpd.agent.netconf;

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
import net.ipmpd.yang.json.LinedJson;
import net.ipmpd.yang.json.LinedJson.Arr;
import net.ipmpd.yang.json.LinedJson.Member;
import net.ipmpd.yang.json.LinedJson.Obj;
import net.ipmpd.yang.json.LinedJson.Value;

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
 *   "max-message-size": 1048576,
 *   "message-idle-timeout": 60
 * }
 * </pre>
 *
 * The three limits are optional (defaults shown): connections still logging in at once, the
 * largest NETCONF message in bytes, and the seconds a chunked message may stop mid-way before
 * the session is closed. Every error names the file and line. Unknown keys are errors too: a misspelt
 * "pasword-hash" must not silently leave a user without a password.
 */
public final class NetconfSettingsFile {
    private final String source;

    private NetconfSettingsFile(String source) {
        this.source = source;
    }

    public static NetconfSettings load(Path file) throws NetconfSettingsException, IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static NetconfSettings parse(String text, String source) throws NetconfSettingsException {
        Value root;
        try {
            root = LinedJson.parse(text);
        } catch (LinedJson.SyntaxError e) {
            throw new NetconfSettingsException(source + ":" + e.line() + ": not valid JSON: " + e.getMessage());
        }
        return new NetconfSettingsFile(source).settings(root);
    }

    private NetconfSettings settings(Value root) throws NetconfSettingsException {
        Obj top = object(root, "the settings must be a JSON object");
        InetAddress address = InetAddress.getLoopbackAddress();
        int port = NetconfSettings.DEFAULT_PORT;
        Path hostKey = null;
        List<NetconfSettings.User> users = new ArrayList<>();
        Map<String, NetconfSettings.Access> groups = new LinkedHashMap<>();
        NetconfSettings.Limits defaults = NetconfSettings.Limits.DEFAULT;
        int maxUnauthenticated = defaults.maxUnauthenticatedConnections();
        int maxMessage = defaults.maxMessageBytes();
        int messageIdle = defaults.messageIdleSeconds();
        // groups first: users name them
        Optional<Value> groupsValue = top.get("groups");
        if (groupsValue.isPresent()) {
            groups(groupsValue.get(), groups);
        }
        for (Member m : top.members()) {
            String key = m.name();
            Value v = m.value();
            switch (key) {
                case "listen-address" -> address = address(v);
                case "port" -> port = integer(v, key, 1, 65535);
                case "host-key" -> {
                    Path p = Path.of(string(v, key));
                    if (!p.isAbsolute()) {
                        throw error(v.line(), "host-key must be an absolute path, got " + p);
                    }
                    hostKey = p;
                }
                case "groups" -> { }
                case "users" -> users(v, users);
                case "max-unauthenticated-connections" -> maxUnauthenticated = integer(v, key, 1, 10_000);
                case "max-message-size" -> maxMessage = integer(v, key, 4096, 1 << 30);
                case "message-idle-timeout" -> messageIdle = integer(v, key, 1, 3600);
                default -> throw error(m.line(), "unknown key '" + key + "' (expected listen-address, port, host-key, groups, users, "
                        + "max-unauthenticated-connections, max-message-size, message-idle-timeout)");
            }
        }
        if (hostKey == null) {
            throw error(root.line(), "host-key is missing (an absolute path where the SSH host key is kept)");
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
                new NetconfSettings.Limits(maxUnauthenticated, maxMessage, defaults.hashThreads(), messageIdle));
    }

    private void groups(Value v, Map<String, NetconfSettings.Access> groups) throws NetconfSettingsException {
        Obj o = object(v, "groups must be an object of group name to access");
        for (Member m : o.members()) {
            String name = m.name();
            String label = string(m.value(), "groups." + name);
            NetconfSettings.Access access = NetconfSettings.Access.ofLabel(label)
                    .orElseThrow(() -> error(m.line(), "group '" + name + "': access '" + label + "' is not read-only, operator or read-write"));
            groups.put(name, access);
        }
    }

    private void users(Value v, List<NetconfSettings.User> users) throws NetconfSettingsException {
        if (!(v instanceof Arr arr)) {
            throw error(v.line(), "users must be an array");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Value item : arr.items()) {
            Obj u = object(item, "users must be an array of objects");
            int userLine = u.line();
            String name = null;
            Optional<String> hash = Optional.empty();
            List<String> keys = new ArrayList<>();
            List<String> userGroups = new ArrayList<>();
            for (Member m : u.members()) {
                String key = m.name();
                int line = m.line();
                switch (key) {
                    case "name" -> name = string(m.value(), key);
                    case "password-hash" -> {
                        String h = string(m.value(), key);
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
                        for (String k : strings(m.value(), key)) {
                            try {
                                AuthorizedKeys.parse(k);
                            } catch (IllegalArgumentException e) {
                                throw error(line, e.getMessage());
                            }
                            keys.add(k);
                        }
                    }
                    case "groups" -> userGroups.addAll(strings(m.value(), key));
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
    }

    private Obj object(Value v, String message) throws NetconfSettingsException {
        if (v instanceof Obj o) {
            return o;
        }
        throw error(v.line(), message);
    }

    private List<String> strings(Value v, String key) throws NetconfSettingsException {
        if (!(v instanceof Arr arr)) {
            throw error(v.line(), key + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Value item : arr.items()) {
            out.add(string(item, key + " must be an array of strings; an element"));
        }
        return out;
    }

    private String string(Value v, String key) throws NetconfSettingsException {
        if (v instanceof LinedJson.Str s) {
            return s.text();
        }
        throw error(v.line(), key + " must be a string");
    }

    private int integer(Value v, String key, int min, int max) throws NetconfSettingsException {
        long n;
        try {
            n = v instanceof LinedJson.Num num ? Long.parseLong(num.text()) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n == Long.MIN_VALUE) {
            throw error(v.line(), key + " must be an integer");
        }
        if (n < min || n > max) {
            throw error(v.line(), key + " " + n + " is out of range " + min + "-" + max);
        }
        return (int) n;
    }

    private InetAddress address(Value v) throws NetconfSettingsException {
        String text = string(v, "listen-address");
        // literal addresses only: a host name would mean a DNS lookup at start
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
            throw error(v.line(), "listen-address '" + text + "' is not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw error(v.line(), "listen-address '" + text + "' is not an IP address");
        }
    }

    private NetconfSettingsException error(int line, String message) {
        return new NetconfSettingsException(source + ":" + line + ": " + message);
    }
}
