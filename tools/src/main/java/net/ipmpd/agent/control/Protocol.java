package net.ipmpd.agent.control;

import java.nio.file.Path;
import java.util.Set;

/**
 * The control protocol between ipmpd and its tools (ipmpstat, if_mpadm), in the place of
 * in.mpathd's loopback TCP port 5999 (ipmp_mpathd.h MPATHD_PORT): a UNIX domain stream socket,
 * one request per connection, each message one line of JSON.
 *
 * <pre>
 * request : {"version":1,"command":"ping"|"query"|"offline"|"online"|"probe-stream",
 *            "interface":"net0" (offline, online), "group":"g0" (query, optional)}
 * response: {"version":1,"ok":true, ...}  or  {"version":1,"ok":false,"error":CODE,"message":TEXT}
 * </pre>
 *
 * A probe-stream answers {"version":1,"ok":true,"stream":"probe"} and then one
 * {"probe":{...}} line per completed probe until either side closes.
 */
public final class Protocol {
    public static final int VERSION = 1;
    public static final Path DEFAULT_SOCKET = Path.of("/run/ipmpd/ipmpd.sock");
    /** Environment variable the tools read when --socket is not given. */
    public static final String SOCKET_ENV = "IPMPD_SOCKET";
    /** Longest request line accepted; a request is a few dozen bytes. */
    public static final int MAX_REQUEST_BYTES = 4096;

    public static final String PING = "ping";
    public static final String QUERY = "query";
    public static final String OFFLINE = "offline";
    public static final String ONLINE = "online";
    public static final String PROBE_STREAM = "probe-stream";

    /**
     * in.mpathd allows only MI_PING and MI_QUERY to unprivileged callers (mpd_main.c); the
     * probe stream needs privileges as ipmpstat -p does (it binds the IPMP sysevent channel).
     */
    public static final Set<String> PRIVILEGED = Set.of(OFFLINE, ONLINE, PROBE_STREAM);

    /** Error codes of a refused request. */
    public static final String E_PERMISSION = "permission-denied";
    public static final String E_BAD_REQUEST = "bad-request";
    public static final String E_VERSION = "unsupported-version";
    public static final String E_UNKNOWN_COMMAND = "unknown-command";
    public static final String E_UNKNOWN_GROUP = "unknown-group";
    public static final String E_TIMEOUT = "timed-out";
    public static final String E_FAILED = "failed";
    public static final String E_BUSY = "busy";

    private Protocol() {
    }

    /** Resolves the socket path the way every tool does: option, then environment, then default. */
    public static Path socketPath(String option, String environment) {
        if (option != null && !option.isEmpty()) {
            return Path.of(option);
        }
        if (environment != null && !environment.isEmpty()) {
            return Path.of(environment);
        }
        return DEFAULT_SOCKET;
    }
}
