package net.ipmpd.testlab.mgmt;

import net.ipmpd.testlab.e2e.OperatorTools;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what net-snmp printed: DateAndTime varbinds, walked IPMP-MIB tables. */
final class SnmpValues {
    private static final Logger LOG = LogManager.getLogger(SnmpValues.class);
    /** net-snmp prints SNMPv2-TC DateAndTime by its DISPLAY-HINT "2d-1d-1d,1d:1d:1d.1d,1a1d:1d". */
    private static final Pattern DATE_AND_TIME = Pattern.compile(
            "ipmpNotifyTime\\.0 = STRING: (\\d+)-(\\d+)-(\\d+),(\\d+):(\\d+):(\\d+)\\.(\\d),([+-])(\\d+):(\\d+)");

    private SnmpValues() {
    }

    static long notifyTimeMillis(String trap) {
        Matcher m = DATE_AND_TIME.matcher(trap);
        if (!m.find()) {
            throw new AssertionError("no ipmpNotifyTime DateAndTime in " + trap);
        }
        int sign = m.group(8).equals("-") ? -1 : 1;
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(9)),
                sign * Integer.parseInt(m.group(10)));
        ZonedDateTime t = ZonedDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)) * 100_000_000, offset);
        return t.toInstant().toEpochMilli();
    }

    /**
     * Walks ipmpGroupTable, ipmpMemberTable and ipmpDataAddressTable and checks every group, member and data address
     * ipmpstat shows against them: group state, FDT, member count; member state, link, probe state, active count;
     * data address current member and up/down (ipmpstat leaves INBOUND empty while no usable member receives for
     * the address, though the MIB still names the member that holds it). Two ipmpstat views bracket the walk; if they differ the state moved
     * while we looked, and we look again (bounded).
     */
    static String assertWalkMatchesIpmpstat(SnmpManager snmp, OperatorTools tools) {
        String lastDiff = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            IpmpstatView before = IpmpstatView.of(tools);
            Map<String, String> walk = new TreeMap<>();
            for (String table : List.of("ipmpGroupTable", "ipmpMemberTable", "ipmpDataAddressTable")) {
                walk.putAll(parse(snmp.walk("IPMP-MIB::" + table)));
            }
            IpmpstatView after = IpmpstatView.of(tools);
            if (!before.equals(after)) {
                lastDiff = "ipmpstat changed during the walk: " + before + " -> " + after;
                continue;
            }
            List<String> mismatches = mismatches(before, walk);
            if (!mismatches.isEmpty()) {
                throw new AssertionError("snmpwalk disagrees with ipmpstat:\n  " + String.join("\n  ", mismatches)
                        + "\nipmpstat: " + before + "\nwalk: " + walk);
            }
            LOG.info("snmpwalk agrees with ipmpstat: {}", before);
            return before.toString();
        }
        throw new AssertionError("the state kept changing while walking: " + lastDiff);
    }

    /** ipmpstat -P output, the columns the MIB also has. */
    record IpmpstatView(List<List<String>> groups, List<List<String>> members, List<List<String>> addresses) {
        static IpmpstatView of(OperatorTools tools) {
            return new IpmpstatView(tools.parsable("-g", "GROUP,STATE,FDT,INTERFACES"),
                    tools.parsable("-i", "INTERFACE,ACTIVE,GROUP,LINK,PROBE,STATE"),
                    tools.parsable("-a", "ADDRESS,STATE,GROUP,INBOUND"));
        }
    }

    private static List<String> mismatches(IpmpstatView v, Map<String, String> walk) {
        List<String> out = new ArrayList<>();
        for (List<String> g : v.groups()) {
            String ix = "\"" + g.get(0) + "\"";
            expect(out, walk, "ipmpGroupState." + ix, g.get(1));
            // ipmpstat prints the FDT in seconds with two decimals ("1.00s"), the MIB in milliseconds
            // (rounded to 10 ms), the MIB in milliseconds
            long fdtMs = Math.round(Double.parseDouble(g.get(2).replace("s", "")) * 1000);
            String walked = walk.getOrDefault("ipmpGroupEffectiveFdt." + ix, "").replace(" milliseconds", "");
            if (!walked.matches("\\d+") || Math.abs(Long.parseLong(walked) - fdtMs) > 5) {
                out.add("ipmpGroupEffectiveFdt." + ix + ": ipmpstat says " + g.get(2) + ", the walk " + walked + " ms");
            }
            int count = g.get(3).isBlank() ? 0 : g.get(3).replaceAll("[()\\[\\]]", "").trim().split("\\s+").length;
            expect(out, walk, "ipmpGroupMembers." + ix, Integer.toString(count));
            long active = v.members().stream().filter(m -> m.get(2).equals(g.get(0)) && m.get(1).equals("yes")).count();
            expect(out, walk, "ipmpGroupMembersActive." + ix, Long.toString(active));
        }
        for (List<String> m : v.members()) {
            String ix = "\"" + m.get(2) + "\".\"" + m.get(0) + "\"";
            expect(out, walk, "ipmpMemberLinkState." + ix, m.get(3));
            expect(out, walk, "ipmpMemberProbeState." + ix, m.get(4));
            expect(out, walk, "ipmpMemberState." + ix, m.get(5));
        }
        for (List<String> a : v.addresses()) {
            String ix = "\"" + a.get(2) + "\".ipv4.\"" + a.get(0) + "\"";
            // ipmpstat's STATE is Solaris's (the address is UP wherever it is placed); the MIB's Up is
            // whether a usable member receives for it, which ipmpstat shows as a non-empty INBOUND
            boolean inbound = !a.get(3).isEmpty();
            expect(out, walk, "ipmpDataAddressUp." + ix, inbound ? "true" : "false");
            if (inbound) {
                expect(out, walk, "ipmpDataAddressCurrentMember." + ix, a.get(3));
            }
        }
        if (v.groups().isEmpty() || v.members().isEmpty() || v.addresses().isEmpty()) {
            out.add("ipmpstat showed nothing to compare: " + v);
        }
        return out;
    }

    private static void expect(List<String> out, Map<String, String> walk, String object, String value) {
        String got = walk.get(object);
        if (!value.equals(got)) {
            out.add(object + ": ipmpstat says " + value + ", the walk " + got);
        }
    }

    /** "IPMP-MIB::name.index = value" lines (-OQ) to name.index -> value. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> m = new TreeMap<>();
        for (String l : lines) {
            int eq = l.indexOf(" = ");
            if (eq < 0 || !l.startsWith("IPMP-MIB::")) {
                throw new AssertionError("unexpected snmpwalk line: " + l);
            }
            m.put(l.substring("IPMP-MIB::".length(), eq), l.substring(eq + 3).strip());
        }
        return m;
    }
}
