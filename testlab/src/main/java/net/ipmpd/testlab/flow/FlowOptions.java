package net.ipmpd.testlab.flow;

import java.time.Duration;

/**
 * How to hold TCP flows: an echo server in {@code serverNs} bound to {@code address}:{@code port} (the data
 * address, typically in the ipmpd host namespace) and a client in {@code clientNs} holding {@code connections}
 * connections, each sending a {@code payloadBytes} request every {@code interval} and waiting for its echo.
 *
 * @param timeout a connection that waits longer than this for one echo counts as failed ("timeout")
 */
public record FlowOptions(String serverNs, String address, int port, String clientNs, int connections,
                          Duration interval, Duration timeout, int payloadBytes) {

    public static final int DEFAULT_PORT = 5001;

    public FlowOptions {
        if (connections < 1 || connections > 256) {
            throw new IllegalArgumentException("connections must be 1..256, got " + connections);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (interval.toMillis() < 1 || timeout.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be >= 1 ms and timeout >= 10 ms");
        }
        if (payloadBytes < 8 || payloadBytes > 65536) {
            throw new IllegalArgumentException("payload must be 8..65536 bytes, got " + payloadBytes);
        }
    }

    /** K connections, a request every 10 ms, 32-byte payload, 5 s echo timeout, port 5001. */
    public static FlowOptions of(String serverNs, String address, String clientNs, int connections) {
        return new FlowOptions(serverNs, address, DEFAULT_PORT, clientNs, connections, Duration.ofMillis(10),
                Duration.ofSeconds(5), 32);
    }

    public FlowOptions withPort(int p) {
        return new FlowOptions(serverNs, address, p, clientNs, connections, interval, timeout, payloadBytes);
    }

    public FlowOptions withTimeout(Duration t) {
        return new FlowOptions(serverNs, address, port, clientNs, connections, interval, t, payloadBytes);
    }

    public FlowOptions withInterval(Duration i) {
        return new FlowOptions(serverNs, address, port, clientNs, connections, i, timeout, payloadBytes);
    }
}
