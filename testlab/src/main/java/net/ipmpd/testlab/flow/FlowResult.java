package net.ipmpd.testlab.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One held connection's outcome, as the flow client prints it (one line, {@link #format()}) and the lab reads it
 * back ({@link #parse(String)}).
 *
 * @param survived      no reset, no end of stream, no echo timeout, no corrupted echo so far
 * @param maxStallMs    the longest gap between two completed echoes (it includes the ~interval pause between
 *                      requests, so an undisturbed connection shows about interval + scheduling noise); for a live
 *                      connection also the current gap, for a failed one the gap that ended in the failure
 * @param echoes        completed request/echo round trips
 * @param bytesEchoed   bytes received back from the server
 * @param failedAfterMs when the failure was noticed, in ms since the client was ready; -1 if it survived
 * @param error         what went wrong ("reset: ...", "eof", "timeout: ..."), or "-" if it survived
 */
public record FlowResult(int index, boolean survived, long maxStallMs, long echoes, long bytesEchoed,
                         long failedAfterMs, String error) {

    static final String PREFIX = "flow ";

    public String format() {
        return PREFIX + "index=" + index + " survived=" + survived + " maxStallMs=" + maxStallMs + " echoes=" + echoes
                + " bytes=" + bytesEchoed + " failedAfterMs=" + failedAfterMs + " error="
                + (error == null || error.isBlank() ? "-" : error.replace('\n', ' '));
    }

    /** Reads a {@link #format()} line; the error comes last because it may contain spaces. */
    public static FlowResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a flow result line: " + line);
        }
        String body = line.substring(PREFIX.length());
        int err = body.indexOf(" error=");
        if (err < 0) {
            throw new IllegalArgumentException("flow result line without error=: " + line);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String f : body.substring(0, err).split(" ")) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad field '" + f + "' in flow result line: " + line);
            }
            kv.put(f.substring(0, eq), f.substring(eq + 1));
        }
        try {
            return new FlowResult(Integer.parseInt(kv.get("index")), Boolean.parseBoolean(kv.get("survived")),
                    Long.parseLong(kv.get("maxStallMs")), Long.parseLong(kv.get("echoes")),
                    Long.parseLong(kv.get("bytes")), Long.parseLong(kv.get("failedAfterMs")),
                    body.substring(err + " error=".length()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad flow result line: " + line + " (" + e.getMessage() + ")", e);
        }
    }
}
