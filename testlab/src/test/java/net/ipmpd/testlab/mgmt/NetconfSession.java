package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.LabProcess;
import net.ipmpd.testlab.LabTimeoutException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A NETCONF manager session in the lab's host namespace: Debian's python3-ncclient (paramiko SSH) running
 * {@code mgmt/nc_session.py}, which takes one JSON step per line and answers one JSON line per step, so the test can
 * inject a fault between a create-subscription and the wait for its notification.
 */
final class NetconfSession implements AutoCloseable {
    static final String NS = "urn:ipmpd:yang:ipmp";
    static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final LabProcess process;
    private int steps;

    private NetconfSession(LabProcess process) {
        this.process = process;
    }

    static NetconfSession open(Lab lab, int port, String user, String password) {
        LabProcess p = lab.spawn(lab.hostNs(), "/usr/bin/python3", script().toString(), "127.0.0.1",
                Integer.toString(port), user, password);
        Optional<String> hello = p.stdout().await(0, l -> l.startsWith("{\"connected\""), Duration.ofSeconds(30));
        if (hello.isEmpty()) {
            String why = p.stderr().toString();
            p.stop();
            throw new LabTimeoutException("ncclient did not connect to 127.0.0.1:" + port + ": " + why);
        }
        return new NetconfSession(p);
    }

    private static Path script() {
        URL url = NetconfSession.class.getResource("/mgmt/nc_session.py");
        if (url == null) {
            throw new IllegalStateException("mgmt/nc_session.py is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one step and waits for its answer line (which may carry "error" or "exception"). */
    String call(Duration timeout, String op, String... keyValues) {
        StringBuilder b = new StringBuilder("{\"op\":").append(json(op));
        for (int i = 0; i < keyValues.length; i += 2) {
            String v = keyValues[i + 1];
            b.append(',').append(json(keyValues[i])).append(':')
                    .append(v.matches("\\d+(\\.\\d+)?") ? v : json(v));
        }
        int n = steps++;
        long mark = process.stdout().mark();
        process.send(b.append('}').toString());
        String prefix = "{\"n\": " + n + ",";
        Optional<String> line = process.stdout().await(mark, l -> l.startsWith(prefix), timeout);
        if (line.isEmpty()) {
            throw new LabTimeoutException("ncclient step " + n + " (" + op + ") did not answer within "
                    + timeout.toMillis() + " ms; stderr: " + process.stderr());
        }
        return line.get();
    }

    /** A step that must succeed; returns its answer line. */
    String ok(String op, String... keyValues) {
        String answer = call(Duration.ofSeconds(30), op, keyValues);
        if (!answer.contains("\"ok\": true")) {
            throw new AssertionError("NETCONF " + op + " failed: " + answer);
        }
        return answer;
    }

    /** The next notification's XML, or empty when none came within the timeout. */
    Optional<String> notification(Duration timeout) {
        String answer = call(timeout.plusSeconds(10), "notification",
                "timeout", Double.toString(timeout.toMillis() / 1000.0));
        if (!answer.contains("\"ok\": true")) {
            throw new AssertionError("waiting for a notification failed: " + answer);
        }
        return result(answer);
    }

    /** The "result" string of an answer line (an XML document for get, get-config and notification), or empty. */
    static Optional<String> result(String answer) {
        try (JsonParser p = JSON.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not a JSON object: " + answer);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("result") && p.currentToken() == JsonToken.VALUE_STRING) {
                    return Optional.of(p.getText());
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new AssertionError("bad answer line " + answer, e);
        }
    }

    static String config(String ipmpBody) {
        return "<config xmlns=\"" + NC + "\"><ipmp xmlns=\"" + NS + "\">" + ipmpBody + "</ipmp></config>";
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.send("");
            if (process.waitFor(Duration.ofSeconds(5)).isEmpty()) {
                process.stop();
            }
        }
    }
}
