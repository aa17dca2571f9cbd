package net.ipmpd.testlab.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's configuration file for a lab run: an RFC 7951 JSON instance of the YANG module ipmp
 * (yang/src/main/resources/yang/ipmp@2026-12-06.yang; the sample is yang/examples/ipmpd.json). Only what the demo
 * and the benchmarks need: groups of members with optional IPv4 test addresses, data addresses with a home member,
 * static targets, the failure detection time, failback and flap damping.
 */
public final class DaemonConfig {
    /** A member: its interface, standby or not, and its IPv4 test address ("198.18.0.10/24") or null for link-only. */
    public record Member(String name, boolean standby, String ipv4Test) {
    }

    /** A data address ("198.18.0.100/24" or "2001:2::100/64") and its home member. */
    public record DataAddress(String cidr, String home) {
    }

    public record Group(String name, List<Member> members, List<DataAddress> dataAddresses, List<String> targets) {
        public Group {
            members = List.copyOf(members);
            dataAddresses = List.copyOf(dataAddresses);
            targets = List.copyOf(targets);
        }
    }

    private final int failureDetectionTimeMs;
    private final boolean failback;
    private final boolean flapDamping;
    private final List<Group> groups = new ArrayList<>();

    public DaemonConfig(int failureDetectionTimeMs, boolean failback, boolean flapDamping) {
        this.failureDetectionTimeMs = failureDetectionTimeMs;
        this.failback = failback;
        this.flapDamping = flapDamping;
    }

    public DaemonConfig group(Group g) {
        groups.add(g);
        return this;
    }

    public int failureDetectionTimeMs() {
        return failureDetectionTimeMs;
    }

    public String toJson() {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"ipmp:ipmp\": {\n");
        s.append("    \"failure-detection-time\": ").append(failureDetectionTimeMs).append(",\n");
        s.append("    \"failback\": ").append(failback).append(",\n");
        s.append("    \"track-interfaces-only-with-groups\": true,\n");
        s.append("    \"flap-damping\": { \"enabled\": ").append(flapDamping).append(" },\n");
        s.append("    \"group\": [\n");
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            s.append("      {\n        \"name\": \"").append(g.name()).append("\",\n        \"member\": [\n");
            for (int i = 0; i < g.members().size(); i++) {
                Member m = g.members().get(i);
                s.append("          { \"interface\": \"").append(m.name()).append('"');
                if (m.standby()) {
                    s.append(", \"standby\": true");
                }
                if (m.ipv4Test() != null) {
                    String[] p = m.ipv4Test().split("/");
                    s.append(", \"ipv4-test-address\": { \"address\": \"").append(p[0])
                            .append("\", \"prefix-length\": ").append(p[1]).append(" }");
                }
                s.append(" }").append(i + 1 < g.members().size() ? ",\n" : "\n");
            }
            s.append("        ]");
            if (!g.dataAddresses().isEmpty()) {
                s.append(",\n        \"data-address\": [\n");
                for (int i = 0; i < g.dataAddresses().size(); i++) {
                    DataAddress d = g.dataAddresses().get(i);
                    String[] p = d.cidr().split("/");
                    s.append("          { \"address\": \"").append(p[0]).append("\", \"prefix-length\": ").append(p[1])
                            .append(", \"home-member\": \"").append(d.home()).append("\" }")
                            .append(i + 1 < g.dataAddresses().size() ? ",\n" : "\n");
                }
                s.append("        ]");
            }
            if (!g.targets().isEmpty()) {
                s.append(",\n        \"static-target\": [ ");
                for (int i = 0; i < g.targets().size(); i++) {
                    s.append('"').append(g.targets().get(i)).append('"').append(i + 1 < g.targets().size() ? ", " : "");
                }
                s.append(" ]");
            }
            s.append("\n      }").append(gi + 1 < groups.size() ? ",\n" : "\n");
        }
        s.append("    ]\n  }\n}\n");
        return s.toString();
    }

    /** Writes the file atomically (temp file in the same directory, then rename). */
    public Path write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, toJson());
        return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
