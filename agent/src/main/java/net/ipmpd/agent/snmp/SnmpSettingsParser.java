package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ipmpd.agent.snmp.SnmpSettings.Access;
import net.ipmpd.agent.snmp.SnmpSettings.AuthProtocol;
import net.ipmpd.agent.snmp.SnmpSettings.Community;
import net.ipmpd.agent.snmp.SnmpSettings.Network;
import net.ipmpd.agent.snmp.SnmpSettings.PrivProtocol;
import net.ipmpd.agent.snmp.SnmpSettings.TrapTarget;
import net.ipmpd.agent.snmp.SnmpSettings.User;
import net.ipmpd.yang.json.LinedJson;
import net.ipmpd.yang.json.LinedJson.Value;

/**
 * Reads snmp.json. Every error names file:line and what to write instead; nothing is applied
 * from a file with an error. Example:
 *
 * <pre>
 * {
 *   "listen": { "address": "127.0.0.1", "port": 161 },
 *   "stateDirectory": "/var/lib/ipmpd/snmp",
 *   "system": { "name": "host1", "contact": "noc@example.org", "location": "rack 4" },
 *   "users": [ { "name": "ipmpAdmin", "auth": "SHA-256", "authPassphrase": "...",
 *                "priv": "AES-128", "privPassphrase": "...", "access": "rw" } ],
 *   "communities": [ { "community": "public", "sources": [ "127.0.0.1/32" ] } ],
 *   "trapTargets": [ { "address": "192.0.2.10", "port": 162, "user": "ipmpAdmin",
 *                      "type": "inform", "retries": 2, "timeoutMs": 1500 } ]
 * }
 * </pre>
 */
public final class SnmpSettingsParser {
    /** RFC 3414 11.2: a pass phrase shorter than 8 octets is not allowed. */
    static final int MIN_PASSPHRASE = 8;

    /** A configuration error with its place. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(message);
        }
    }

    private final String file;

    private SnmpSettingsParser(String file) {
        this.file = file;
    }

    public static SnmpSettings parse(Path path) throws IOException, SettingsException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    public static SnmpSettings parse(String json, String fileName) throws SettingsException {
        Value root;
        try {
            root = LinedJson.parse(json);
        } catch (LinedJson.SyntaxError e) {
            throw new SettingsException(fileName + ":" + e.line() + ": " + e.getMessage());
        }
        return new SnmpSettingsParser(fileName).settings(root);
    }

    private SnmpSettings settings(Value root) throws SettingsException {
        Map<String, Value> top = object(root, "the file");
        allowOnly(top, root, "the top level", "listen", "stateDirectory", "system", "users", "communities", "trapTargets");
        Map<String, Value> listen = top.containsKey("listen") ? object(top.get("listen"), "listen") : Map.of();
        allowOnly(listen, top.get("listen"), "listen", "address", "port");
        InetAddress address = listen.containsKey("address") ? address(listen.get("address"), "listen.address")
                : InetAddress.getLoopbackAddress();
        int port = listen.containsKey("port") ? integer(listen.get("port"), "listen.port", 1, 65535) : 161;
        if (!top.containsKey("stateDirectory")) {
            throw error(root, "stateDirectory is missing: name a directory for the engine ID and boots counter");
        }
        Path state = Path.of(string(top.get("stateDirectory"), "stateDirectory"));
        Map<String, Value> system = top.containsKey("system") ? object(top.get("system"), "system") : Map.of();
        allowOnly(system, top.get("system"), "system", "name", "contact", "location");
        String name = system.containsKey("name") ? string(system.get("name"), "system.name") : localHostName();
        String contact = system.containsKey("contact") ? string(system.get("contact"), "system.contact") : "";
        String location = system.containsKey("location") ? string(system.get("location"), "system.location") : "";
        List<User> users = new ArrayList<>();
        Set<String> userNames = new HashSet<>();
        for (Value n : array(top.get("users"), "users")) {
            User u = user(n);
            if (!userNames.add(u.name())) {
                throw error(n, "user " + u.name() + " is defined twice");
            }
            users.add(u);
        }
        List<Community> communities = new ArrayList<>();
        for (Value n : array(top.get("communities"), "communities")) {
            communities.add(community(n));
        }
        List<TrapTarget> targets = new ArrayList<>();
        for (Value n : array(top.get("trapTargets"), "trapTargets")) {
            TrapTarget t = target(n);
            if (t.v3() && !userNames.contains(t.user())) {
                throw error(n, "trap target user " + t.user() + " is not one of the users");
            }
            targets.add(t);
        }
        return new SnmpSettings(address, port, state, name, contact, location, users, communities, targets);
    }

    private User user(Value n) throws SettingsException {
        Map<String, Value> m = object(n, "a user");
        allowOnly(m, n, "a user", "name", "auth", "authPassphrase", "priv", "privPassphrase", "access");
        String name = string(required(m, n, "name", "a user"), "user name");
        if (name.isEmpty() || name.length() > 32) {
            throw error(m.get("name"), "a user name has 1 to 32 characters (SnmpAdminString of the USM)");
        }
        Value authNode = required(m, n, "auth", "user " + name);
        AuthProtocol auth = switch (string(authNode, "auth")) {
            case "SHA-256" -> AuthProtocol.SHA256;
            case "SHA-384" -> AuthProtocol.SHA384;
            case "SHA-512" -> AuthProtocol.SHA512;
            default -> throw error(authNode, "auth of user " + name
                    + " must be SHA-256, SHA-384 or SHA-512 (MD5 and SHA-1 are not offered)");
        };
        Value privNode = required(m, n, "priv", "user " + name);
        PrivProtocol priv = switch (string(privNode, "priv")) {
            case "AES-128", "AES" -> PrivProtocol.AES128;
            case "AES-192" -> PrivProtocol.AES192;
            case "AES-256" -> PrivProtocol.AES256;
            default -> throw error(privNode, "priv of user " + name + " must be AES-128, AES-192 or AES-256 (DES is not offered)");
        };
        String authPass = passphrase(required(m, n, "authPassphrase", "user " + name), name, "authPassphrase");
        String privPass = passphrase(required(m, n, "privPassphrase", "user " + name), name, "privPassphrase");
        Access access = Access.READ_ONLY;
        if (m.containsKey("access")) {
            access = switch (string(m.get("access"), "access")) {
                case "ro" -> Access.READ_ONLY;
                case "rw" -> Access.READ_WRITE;
                case "none" -> Access.NOTIFY_ONLY;
                default -> throw error(m.get("access"), "access of user " + name + " must be ro, rw or none (traps only)");
            };
        }
        return new User(name, auth, authPass, priv, privPass, access);
    }

    private String passphrase(Value n, String user, String key) throws SettingsException {
        String p = string(n, key);
        if (p.length() < MIN_PASSPHRASE) {
            // The pass phrase itself is never echoed.
            throw error(n, key + " of user " + user + " is shorter than " + MIN_PASSPHRASE + " characters (RFC 3414)");
        }
        return p;
    }

    private Community community(Value n) throws SettingsException {
        Map<String, Value> m = object(n, "a community");
        if (m.containsKey("access") || m.containsKey("write")) {
            throw error(n, "communities are read-only; use an SNMPv3 user with access rw to write");
        }
        allowOnly(m, n, "a community", "community", "sources");
        String c = string(required(m, n, "community", "a community"), "community");
        if (c.isEmpty()) {
            throw error(m.get("community"), "a community must not be empty");
        }
        List<Network> sources = new ArrayList<>();
        for (Value s : array(m.get("sources"), "sources")) {
            sources.add(network(s));
        }
        return new Community(c, sources);
    }

    private Network network(Value n) throws SettingsException {
        String text = string(n, "a source");
        int slash = text.indexOf('/');
        InetAddress a = parseAddress(n, slash < 0 ? text : text.substring(0, slash));
        int max = a.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > max) {
                throw error(n, "source " + text + " has a bad prefix length (0-" + max + ")");
            }
        }
        return new Network(a, len);
    }

    private TrapTarget target(Value n) throws SettingsException {
        Map<String, Value> m = object(n, "a trap target");
        allowOnly(m, n, "a trap target", "address", "port", "community", "user", "type", "retries", "timeoutMs");
        InetAddress a = address(required(m, n, "address", "a trap target"), "address");
        int port = m.containsKey("port") ? integer(m.get("port"), "port", 1, 65535) : 162;
        String community = m.containsKey("community") ? string(m.get("community"), "community") : null;
        String user = m.containsKey("user") ? string(m.get("user"), "user") : null;
        if ((community == null) == (user == null)) {
            throw error(n, "a trap target needs exactly one of community (SNMPv2c) or user (SNMPv3)");
        }
        boolean inform = false;
        if (m.containsKey("type")) {
            inform = switch (string(m.get("type"), "type")) {
                case "trap" -> false;
                case "inform" -> true;
                default -> throw error(m.get("type"), "type must be trap or inform");
            };
        }
        int retries = m.containsKey("retries") ? integer(m.get("retries"), "retries", 0, 10) : 2;
        int timeout = m.containsKey("timeoutMs") ? integer(m.get("timeoutMs"), "timeoutMs", 10, 60_000) : 1500;
        return new TrapTarget(a, port, community, user, inform, retries, timeout);
    }

    // Helpers that name file:line.

    private SettingsException error(Value n, String message) {
        return new SettingsException(file + ":" + (n == null ? 1 : n.line()) + ": " + message);
    }

    private Map<String, Value> object(Value n, String what) throws SettingsException {
        if (!(n instanceof LinedJson.Obj o)) {
            throw error(n, what + " must be a JSON object");
        }
        return o.asMap();
    }

    private List<Value> array(Value n, String what) throws SettingsException {
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof LinedJson.Arr a)) {
            throw error(n, what + " must be a JSON array");
        }
        return a.items();
    }

    private String string(Value n, String what) throws SettingsException {
        if (!(n instanceof LinedJson.Str s)) {
            throw error(n, what + " must be a string");
        }
        return s.text();
    }

    private int integer(Value n, String what, int min, int max) throws SettingsException {
        if (n instanceof LinedJson.Num num) {
            try {
                int v = Integer.parseInt(num.text());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw error(n, what + " must be a whole number from " + min + " to " + max);
    }

    private InetAddress address(Value n, String what) throws SettingsException {
        return parseAddress(n, string(n, what));
    }

    /** Only literal addresses: resolving names here would make startup depend on DNS. */
    private InetAddress parseAddress(Value n, String text) throws SettingsException {
        boolean literal = text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
        if (!literal) {
            throw error(n, "'" + text + "' is not an IPv4 or IPv6 address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw error(n, "'" + text + "' is not an IPv4 or IPv6 address literal");
        }
    }

    private Value required(Map<String, Value> m, Value parent, String key, String what) throws SettingsException {
        Value n = m.get(key);
        if (n == null) {
            throw error(parent, what + " has no " + key);
        }
        return n;
    }

    private void allowOnly(Map<String, Value> m, Value where, String what, String... keys) throws SettingsException {
        Set<String> allowed = Set.of(keys);
        for (var e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue(), "unknown key \"" + e.getKey() + "\" in " + what + " (allowed: "
                        + String.join(", ", keys) + ")");
            }
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
