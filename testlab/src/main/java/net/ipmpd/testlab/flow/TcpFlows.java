package net.ipmpd.testlab.flow;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabAddresses;
import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.LabProcess;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-lived TCP connections across a failover: {@link FlowEchoServer} in the server namespace (bound to the data
 * address) and {@link FlowClient} in the client namespace, both small JVMs started with `ip netns exec`. Ask for
 * a {@link #snapshot()} at any time; {@link #stop()} ends the client and returns the final per-connection results.
 *
 * <pre>{@code
 * try (TcpFlows flows = lab.holdTcpFlows(FlowOptions.of(lab.hostNs(), "198.18.0.100", lab.ns("c"), 4))) {
 *     lab.faults().carrierDown("m0");           // ... the daemon moves 198.18.0.100 to another member ...
 *     FlowReport r = flows.stop();
 *     assertThat(r.allSurvived()).as(r.toString()).isTrue();
 * }
 * }</pre>
 */
public final class TcpFlows implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(TcpFlows.class);
    /** Two JVM start-ups on a loaded 2-core machine can take seconds. */
    private static final Duration STARTUP = Duration.ofSeconds(40);

    private final FlowOptions options;
    private final LabProcess server;
    private final LabProcess client;
    private FlowReport finalReport;

    private TcpFlows(FlowOptions options, LabProcess server, LabProcess client) {
        this.options = options;
        this.server = server;
        this.client = client;
    }

    public static TcpFlows start(Lab lab, FlowOptions o) {
        String address = o.address().contains("%") ? o.address().substring(0, o.address().indexOf('%')) : o.address();
        LabAddresses.address(address, "tcp flow server address");
        LabProcess server = lab.spawnJava(o.serverNs(), FlowEchoServer.class, o.address(), Integer.toString(o.port()));
        LabProcess client = null;
        try {
            server.awaitLine(l -> l.startsWith("listening "), "'listening'", STARTUP);
            client = lab.spawnJava(o.clientNs(), FlowClient.class,
                    "--address", o.address(), "--port", Integer.toString(o.port()),
                    "--connections", Integer.toString(o.connections()),
                    "--interval-ms", Long.toString(o.interval().toMillis()),
                    "--timeout-ms", Long.toString(o.timeout().toMillis()),
                    "--payload", Integer.toString(o.payloadBytes()));
            String line = client.awaitLine(l -> l.startsWith("ready ") || l.startsWith("connect-failed "),
                    "'ready'", STARTUP.plus(o.timeout()));
            if (line.startsWith("connect-failed ")) {
                throw new LabException("tcp flows to " + o.address() + " port " + o.port() + " from " + o.clientNs()
                        + ": " + line);
            }
            LOG.info("lab {}: holding {} tcp connections from {} to {} port {}", lab.runId(), o.connections(),
                    o.clientNs(), o.address(), o.port());
            return new TcpFlows(o, server, client);
        } catch (RuntimeException e) {
            if (client != null) {
                client.kill();
            }
            server.kill();
            throw e;
        }
    }

    public LabProcess server() {
        return server;
    }

    public LabProcess client() {
        return client;
    }

    public FlowOptions options() {
        return options;
    }

    /** The connections' state now; they keep running. */
    public synchronized FlowReport snapshot() {
        if (finalReport != null) {
            return finalReport;
        }
        return exchange("report", "end", options.timeout().plusSeconds(5));
    }

    /** Stops the client (each connection finishes its current echo) and returns the final results. */
    public synchronized FlowReport stop() {
        if (finalReport == null) {
            // A connection blocked in read ends within the echo timeout: allow for it.
            finalReport = exchange("stop", "done", options.timeout().multipliedBy(2).plusSeconds(10));
            client.waitFor(Duration.ofSeconds(5));
            LOG.info("tcp flows to {} port {}: {}", options.address(), options.port(), finalReport);
        }
        return finalReport;
    }

    private FlowReport exchange(String command, String terminator, Duration timeout) {
        long mark = client.stdout().mark();
        client.send(command);
        client.awaitLine(mark, terminator::equals, "'" + terminator + "' after '" + command + "'", timeout);
        List<FlowResult> results = new ArrayList<>();
        for (String l : client.stdout().since(mark)) {
            if (l.equals(terminator)) {
                break;
            }
            if (l.startsWith(FlowResult.PREFIX)) {
                results.add(FlowResult.parse(l));
            }
        }
        if (results.size() != options.connections()) {
            throw new LabException("flow client reported " + results.size() + " of " + options.connections()
                    + " connections: " + client.stdout());
        }
        return new FlowReport(results);
    }

    /** Ends client and server (the lab would too, on close). */
    @Override
    public void close() {
        client.stop();
        server.stop();
    }
}
