package net.ipmpd.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import net.ipmpd.agent.control.ControlClient;
import net.ipmpd.agent.control.ControlClient.DaemonUnreachableException;
import net.ipmpd.agent.control.ControlClient.Response;
import net.ipmpd.agent.control.Protocol;

/**
 * if_mpadm: takes a member offline for DR detach (-d) or undoes that (-r), through ipmpd's
 * control socket, with the messages of Solaris's if_mpadm.c. Silent on success; exit 1 on any
 * refusal or usage error, as Solaris.
 */
public final class IfMpadm {
    static final String PROG = "if_mpadm";

    private IfMpadm() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.getenv());
        System.out.flush();
        // success returns from main, as Ipmpstat.main does: System.exit costs a logger lookup
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        String command = null;
        String ifName = null;
        String socket = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--socket") && i + 1 < args.length) {
                socket = args[++i];
            } else if (a.startsWith("--socket=")) {
                socket = a.substring("--socket=".length());
            } else if ((a.startsWith("-d") || a.startsWith("-r")) && !a.startsWith("--")) {
                // getopt("d:r:"): the argument is the rest of the word or the next word; the last option wins.
                String value = a.length() > 2 ? a.substring(2) : i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    err.println(PROG + ": option requires an argument -- " + a.charAt(1));
                    return usage(err);
                }
                command = a.charAt(1) == 'd' ? Protocol.OFFLINE : Protocol.ONLINE;
                ifName = value;
            } else {
                if (a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
                    err.println(PROG + ": illegal option -- " + a.charAt(1));
                }
                return usage(err);
            }
        }
        if (command == null) {
            return usage(err);
        }
        String verb = command.equals(Protocol.OFFLINE) ? "offline" : "undo-offline";
        ControlClient client = new ControlClient(Protocol.socketPath(socket, env.get(Protocol.SOCKET_ENV)),
                ControlClient.DEFAULT_TIMEOUT);
        Response r;
        try {
            r = client.call(ControlClient.request(command, ifName));
        } catch (DaemonUnreachableException e) {
            return fatal(err, "cannot " + verb + " " + ifName + ": cannot contact ipmpd at " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return fatal(err, "cannot " + verb + " " + ifName + ": " + e.getMessage());
        }
        if (r.ok()) {
            return 0;
        }
        return fatal(err, message(r, verb, ifName));
    }

    /** Solaris's wording for each refusal (if_mpadm.c mpadm_errmsg() and its callers). */
    static String message(Response r, String verb, String ifName) {
        return switch (r.error()) {
            case "already-offline" -> "interface " + ifName + " is already offline";
            case "not-offline" -> "interface " + ifName + " is not offline";
            case "min-redundancy" -> "cannot " + verb + " " + ifName + ": no other functioning interfaces are in its IPMP group";
            // if_mpadm.c is_offline() on a missing interface: die("cannot get interface flags on %s") with ENXIO.
            case "not-present" -> "cannot get interface flags on " + ifName + ": No such device or address";
            case "unknown-interface", "not-in-group" ->
                    "cannot " + verb + " " + ifName + ": not a physical interface or not in an IPMP group";
            case Protocol.E_PERMISSION -> "cannot " + verb + " " + ifName + ": permission denied";
            case Protocol.E_TIMEOUT -> "cannot " + verb + " " + ifName + ": operation timed out";
            case Protocol.E_BAD_REQUEST -> "cannot " + verb + " " + ifName + ": invalid argument (" + r.message() + ")";
            default -> "cannot " + verb + " " + ifName + ": " + r.message();
        };
    }

    private static int fatal(PrintStream err, String message) {
        err.println(PROG + ": fatal: " + message);
        return 1;
    }

    private static int usage(PrintStream err) {
        err.println("Usage: " + PROG + " [-d | -r] <interface>");
        return 1;
    }
}
