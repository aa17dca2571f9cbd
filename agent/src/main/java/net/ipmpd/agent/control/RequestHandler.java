package net.ipmpd.agent.control;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.CommandResult;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.Outcome;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers one control request: checks the version and the caller's privileges, then reads the
 * latest snapshot or sends a command to the engine and waits a bounded time for its result.
 * Never touches the engine thread: snapshot() is lock-free and execute() only queues a command.
 */
final class RequestHandler {
    private static final Logger LOG = LogManager.getLogger(RequestHandler.class);

    private final IpmpService ipmp;
    private final Duration commandTimeout;

    RequestHandler(IpmpService ipmp, Duration commandTimeout) {
        this.ipmp = ipmp;
        this.commandTimeout = commandTimeout;
    }

    /** A request that passed the protocol checks. */
    record Request(String command, Optional<String> interfaceName, Optional<String> group) {
    }

    /** Parses and checks a request line; a problem comes back as the error response to send. */
    static Object parse(String line) {
        JsonObject o;
        try {
            o = JsonObject.of(JsonParser.parse(line), "request");
        } catch (IllegalArgumentException e) {
            return error(Protocol.E_BAD_REQUEST, e.getMessage());
        }
        try {
            if (!o.has("version")) {
                return error(Protocol.E_BAD_REQUEST, "request: member 'version' is missing");
            }
            long version = o.longValue("version");
            if (version != Protocol.VERSION) {
                return error(Protocol.E_VERSION, "protocol version " + version + " is not supported; this ipmpd speaks "
                        + Protocol.VERSION);
            }
            String command = o.string("command");
            Optional<String> ifName = o.optString("interface");
            Optional<String> group = o.optString("group");
            switch (command) {
                case Protocol.PING, Protocol.QUERY, Protocol.PROBE_STREAM -> {
                }
                case Protocol.OFFLINE, Protocol.ONLINE -> {
                    if (ifName.isEmpty()) {
                        return error(Protocol.E_BAD_REQUEST, "request: " + command + " needs member 'interface'");
                    }
                    String problem = interfaceNameProblem(ifName.get());
                    if (problem != null) {
                        return error(Protocol.E_BAD_REQUEST, "request.interface: " + problem);
                    }
                }
                default -> {
                    return error(Protocol.E_UNKNOWN_COMMAND, "unknown command \"" + command + "\"");
                }
            }
            return new Request(command, ifName, group);
        } catch (ProtocolException e) {
            return error(Protocol.E_BAD_REQUEST, e.getMessage());
        }
    }

    /** Linux dev_valid_name(): 1 to 15 bytes, not "." or "..", no '/', ':' or white space. */
    static String interfaceNameProblem(String name) {
        if (name.isEmpty() || name.length() > 15) {
            return "interface name \"" + name + "\" must have 1 to 15 characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "\"" + name + "\" is not an interface name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c <= ' ' || c >= 0x7f) {
                return "interface name \"" + name + "\" contains a character Linux does not allow";
            }
        }
        return null;
    }

    /** Answers a non-streaming request from a caller whose privileges were already checked. */
    Map<String, Object> answer(Request r, String peer) {
        return switch (r.command()) {
            case Protocol.PING -> ok();
            case Protocol.QUERY -> query(r.group());
            case Protocol.OFFLINE -> command(new Command.Offline(r.interfaceName().orElseThrow()), r, peer);
            case Protocol.ONLINE -> command(new Command.Online(r.interfaceName().orElseThrow()), r, peer);
            default -> error(Protocol.E_UNKNOWN_COMMAND, "unknown command \"" + r.command() + "\"");
        };
    }

    private Map<String, Object> query(Optional<String> group) {
        EngineSnapshot s = ipmp.snapshot();
        if (group.isPresent()) {
            String name = group.get();
            Optional<GroupSnapshot> g = name.isEmpty() ? s.anonymous() : s.group(name);
            if (g.isEmpty()) {
                return error(Protocol.E_UNKNOWN_GROUP, "no IPMP group named \"" + name + "\"");
            }
            s = new EngineSnapshot(s.version(), s.atNanos(), s.config(), name.isEmpty() ? List.of() : List.of(g.get()),
                    name.isEmpty() ? g : Optional.empty());
        }
        Map<String, Object> m = ok();
        m.put("snapshot", SnapshotCodec.encode(s));
        return m;
    }

    private Map<String, Object> command(Command command, Request r, String peer) {
        String ifName = r.interfaceName().orElseThrow();
        String group = ipmp.snapshot().member(ifName).map(m -> m.group().isEmpty() ? "(anonymous)" : m.group())
                .orElse("(none)");
        // execute ends by the timeout at the latest; exceptionally only guards a broken implementation
        Outcome outcome = ipmp.execute(command, commandTimeout)
                .exceptionally(e -> new Outcome.Failed("the command failed: " + e, e)).join();
        return switch (outcome) {
            case Outcome.Done d -> {
                LOG.info("{} of {} in group {} requested by {}: done", r.command(), ifName, group, peer);
                yield ok();
            }
            case CommandResult.Refused refused -> {
                LOG.info("{} of {} in group {} requested by {}: refused ({}): {}", r.command(), ifName, group, peer,
                        Wire.enumToWire(refused.reason()), refused.message());
                yield error(Wire.enumToWire(refused.reason()), refused.message());
            }
            case Outcome.Failed f -> {
                LOG.error("{} of {} in group {} requested by {} failed: {}", r.command(), ifName, group, peer, f.message());
                yield error(Protocol.E_FAILED, "operation failed: " + f.message());
            }
            case Outcome.TimedOut t -> {
                LOG.error("{} of {} in group {} requested by {}: no answer from the engine within {} ms", r.command(),
                        ifName, group, peer, t.after().toMillis());
                yield error(Protocol.E_TIMEOUT, "operation timed out: ipmpd's engine did not answer within "
                        + t.after().toMillis() + " ms; the " + r.command() + " may still be carried out");
            }
        };
    }

    static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", (long) Protocol.VERSION);
        m.put("ok", true);
        return m;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", (long) Protocol.VERSION);
        m.put("ok", false);
        m.put("error", code);
        m.put("message", message);
        return m;
    }
}
