package net.ipmpd.testlab.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ipmpd configuration file (RFC 7951 JSON of the YANG module ipmp, as yang/examples/ipmpd.json) for one
 * scenario. Only what the scenarios need: global FDT and FAILBACK, one or more groups with members (standby, IPv4
 * and IPv6 test addresses), data addresses and static targets.
 */
public final class ConfigJson {
    private long fdtMs = 1000;
    private boolean failback = true;
    private final List<Group> groups = new ArrayList<>();

    /** A member: its interface, whether it is standby, its test addresses as CIDR (null: none). */
    public record Member(String ifname, boolean standby, String v4Test, String v6Test) {
    }

    public record DataAddress(String cidr, String home) {
    }

    public static final class Group {
        private final String name;
        private final List<Member> members = new ArrayList<>();
        private final List<DataAddress> data = new ArrayList<>();
        private final List<String> targets = new ArrayList<>();

        private Group(String name) {
            this.name = name;
        }

        public Group member(String ifname, String v4Test) {
            members.add(new Member(ifname, false, v4Test, null));
            return this;
        }

        public Group member(String ifname, String v4Test, String v6Test) {
            members.add(new Member(ifname, false, v4Test, v6Test));
            return this;
        }

        /** A member without test addresses: link-based failure detection only. */
        Group linkOnlyMember(String ifname) {
            members.add(new Member(ifname, false, null, null));
            return this;
        }

        /** A member probing over IPv6 only (its test address must be link-local). */
        public Group v6Member(String ifname, String v6Test) {
            members.add(new Member(ifname, false, null, v6Test));
            return this;
        }

        public Group standby(String ifname, String v4Test) {
            members.add(new Member(ifname, true, v4Test, null));
            return this;
        }

        public Group data(String cidr, String home) {
            data.add(new DataAddress(cidr, home));
            return this;
        }

        public Group target(String address) {
            targets.add(address);
            return this;
        }
    }

    public ConfigJson fdt(long ms) {
        this.fdtMs = ms;
        return this;
    }

    public ConfigJson failback(boolean on) {
        this.failback = on;
        return this;
    }

    public Group group(String name) {
        Group g = new Group(name);
        groups.add(g);
        return g;
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"ipmp:ipmp\": {\n");
        s.append("    \"failure-detection-time\": ").append(fdtMs).append(",\n");
        s.append("    \"failback\": ").append(failback).append(",\n");
        s.append("    \"group\": [\n");
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            s.append("      {\n        \"name\": ").append(q(g.name)).append(",\n        \"member\": [\n");
            for (int i = 0; i < g.members.size(); i++) {
                Member m = g.members.get(i);
                List<String> fields = new ArrayList<>();
                fields.add("\"interface\": " + q(m.ifname()));
                if (m.standby()) {
                    fields.add("\"standby\": true");
                }
                if (m.v4Test() != null) {
                    fields.add("\"ipv4-test-address\": " + cidr(m.v4Test()));
                }
                if (m.v6Test() != null) {
                    fields.add("\"ipv6-test-address\": " + cidr(m.v6Test()));
                }
                s.append("          { ").append(String.join(", ", fields)).append(" }")
                        .append(i + 1 < g.members.size() ? ",\n" : "\n");
            }
            s.append("        ]");
            if (!g.data.isEmpty()) {
                s.append(",\n        \"data-address\": [\n");
                for (int i = 0; i < g.data.size(); i++) {
                    DataAddress d = g.data.get(i);
                    String[] p = d.cidr().split("/");
                    s.append("          { \"address\": ").append(q(p[0])).append(", \"prefix-length\": ").append(p[1])
                            .append(", \"home-member\": ").append(q(d.home())).append(" }")
                            .append(i + 1 < g.data.size() ? ",\n" : "\n");
                }
                s.append("        ]");
            }
            if (!g.targets.isEmpty()) {
                s.append(",\n        \"static-target\": [ ");
                s.append(String.join(", ", g.targets.stream().map(ConfigJson::q).toList()));
                s.append(" ]");
            }
            s.append("\n      }").append(gi + 1 < groups.size() ? ",\n" : "\n");
        }
        s.append("    ]\n  }\n}\n");
        return s.toString();
    }

    private static String cidr(String cidr) {
        String[] p = cidr.split("/");
        return "{ \"address\": " + q(p[0]) + ", \"prefix-length\": " + p[1] + " }";
    }

    private static String q(String s) {
        return '"' + s + '"';
    }
}
