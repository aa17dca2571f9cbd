package net.ipmpd.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.ipmpd.agent.control.ControlClient;
import net.ipmpd.agent.control.ControlClient.DaemonUnreachableException;
import net.ipmpd.agent.control.ControlClient.Response;
import net.ipmpd.agent.control.JsonObject;
import net.ipmpd.agent.control.JsonParser;
import net.ipmpd.agent.control.ProbeCodec;
import net.ipmpd.agent.control.Protocol;
import net.ipmpd.agent.control.SnapshotCodec;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.ProbeState;

/**
 * ipmpstat: displays IPMP status the way Solaris's ipmpstat(8) does, read from ipmpd over its
 * control socket. Exit status as Solaris: 0 on success, 1 on any error including a usage error
 * (ipmpstat.c usage() and die() both exit with EXIT_FAILURE).
 */
public final class Ipmpstat {
    static final String PROG = "ipmpstat";

    private Ipmpstat() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.getenv());
        System.out.flush();
        // success returns from main: System.exit looks up a System.Logger for Runtime.exit's log
        // line, a service search through the class path's jars (9 ms of an ipmpstat call)
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (HistoryOptions.selected(args)) {
            return IpmpstatHistory.run(args, out, err, env);   // -e: the event history, read from its files
        }
        IpmpstatOptions opts;
        try {
            opts = IpmpstatOptions.parse(args);
        } catch (IpmpstatOptions.UsageException e) {
            if (e.getMessage() != null) {
                err.println(PROG + ": " + e.getMessage());
            }
            if (e.usage) {
                err.print(IpmpstatOptions.usage(PROG));
            }
            return 1;
        }
        ControlClient client = new ControlClient(Protocol.socketPath(opts.socket(), env.get(Protocol.SOCKET_ENV)),
                ControlClient.DEFAULT_TIMEOUT);
        try {
            // Like ofmt_open() in ipmpstat.c: bad fields are reported before the daemon is contacted.
            FieldSelection<?> fields = selectFields(opts);
            if (opts.mode() == OutputMode.PROBE) {
                fields.warnings().forEach(w -> err.println(PROG + ": warning: " + w));
                return probes(client, opts, out, err);
            }
            EngineSnapshot snapshot = query(client);
            // The rendering repeats the field warnings, followed by those about values it could not determine.
            IpmpstatRenderer.Output o = IpmpstatRenderer.render(snapshot, opts.mode(), opts.fieldSpec(), opts.format());
            o.warnings().forEach(w -> err.println(PROG + ": warning: " + w));
            err.flush();
            out.print(o.text());
            out.flush();
            return 0;
        } catch (FieldSelection.FieldException e) {
            err.println(PROG + ": " + e.getMessage());
            return 1;
        } catch (DaemonUnreachableException e) {
            err.println(PROG + ": cannot contact ipmpd at " + e.getMessage() + " -- is IPMP in use?");
            return 1;
        } catch (Failure e) {
            err.println(PROG + ": " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println(PROG + ": cannot snapshot IPMP state: " + e.getMessage());
            return 1;
        }
    }

    /** An error already phrased for the operator. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private static FieldSelection<?> selectFields(IpmpstatOptions o) throws FieldSelection.FieldException {
        return switch (o.mode()) {
            case ADDRESS -> IpmpstatRenderer.select(IpmpstatFields.ADDRESS, o.fieldSpec(), o.format());
            case GROUP -> IpmpstatRenderer.select(IpmpstatFields.GROUP, o.fieldSpec(), o.format());
            case INTERFACE -> IpmpstatRenderer.select(IpmpstatFields.INTERFACE, o.fieldSpec(), o.format());
            case PROBE -> IpmpstatRenderer.select(IpmpstatFields.PROBE, o.fieldSpec(), o.format());
            case TARGET -> IpmpstatRenderer.select(IpmpstatFields.TARGET, o.fieldSpec(), o.format());
            case ROUTE -> IpmpstatRenderer.select(IpmpstatFields.ROUTE, o.fieldSpec(), o.format());
        };
    }

    private static EngineSnapshot query(ControlClient client) throws IOException, Failure {
        Response r = client.call(ControlClient.request(Protocol.QUERY));
        if (!r.ok()) {
            throw new Failure("cannot snapshot IPMP state: " + r.message());
        }
        return SnapshotCodec.decode(r.body().object("snapshot"));
    }

    /** ipmpstat -p: prints each probe as it completes, until ipmpd goes away or ipmpstat is interrupted. */
    private static int probes(ControlClient client, IpmpstatOptions opts, PrintStream out, PrintStream err)
            throws IOException, Failure, FieldSelection.FieldException {
        EngineSnapshot s = query(client);
        boolean probing = s.allMembers().stream().anyMatch(m -> m.probe() != ProbeState.DISABLED);
        if (!probing) {
            throw new Failure("probe-based failure detection is disabled");
        }
        Instant start = Instant.now();
        FieldSelection<Rows.ProbeRow> fields = IpmpstatRenderer.select(IpmpstatFields.PROBE, opts.fieldSpec(),
                opts.format());
        Table<Rows.ProbeRow> table = new Table<>(fields.columns(), opts.format());
        try (ControlClient.Line stream = client.openStream(ControlClient.request(Protocol.PROBE_STREAM))) {
            Optional<String> first = stream.next(ControlClient.DEFAULT_TIMEOUT);
            if (first.isEmpty()) {
                throw new Failure("ipmpd closed the connection without answering");
            }
            Response r = ControlClient.Response.of(first.get());
            if (!r.ok()) {
                throw new Failure(Protocol.E_PERMISSION.equals(r.error()) ? "insufficient privileges for -p"
                        : "cannot open the probe stream: " + r.message());
            }
            while (true) {
                Optional<String> line = stream.next(null);
                if (line.isEmpty()) {
                    throw new Failure("lost contact with ipmpd");
                }
                JsonObject o = JsonObject.of(JsonParser.parse(line.get()), "stream");
                ProbeCodec.ProbeLine p = ProbeCodec.decode(o.object("probe"));
                out.print(table.row(new Rows.ProbeRow(p, start)));
                out.flush();
                table.warnings().forEach(w -> err.println(PROG + ": warning: " + w));
                table.warnings().clear();
            }
        }
    }
}
