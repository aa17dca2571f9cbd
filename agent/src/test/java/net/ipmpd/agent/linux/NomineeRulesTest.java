package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NomineeRulesTest {

    @Test
    void onlyTheNomineesReceiveMulticastAndBroadcastControlTrafficAlwaysPasses() {
        Map<String, NomineeRules.GroupNominees> groups = new LinkedHashMap<>();
        groups.put("ipmp0", new NomineeRules.GroupNominees(List.of("m0", "m1", "m2"), "m1", "m1", "m2"));
        String r = NomineeRules.ruleset(groups);
        assertThat(r).contains("flush table inet ipmpd_nominees");
        assertThat(r).contains("meta l4proto { icmp, igmp, ipv6-icmp } accept");
        assertThat(r).contains("iifname { \"m0\", \"m2\" } meta nfproto ipv4 meta pkttype broadcast drop");
        assertThat(r).contains("iifname { \"m0\", \"m2\" } meta nfproto ipv4 meta pkttype multicast drop");
        assertThat(r).contains("iifname { \"m0\", \"m1\" } meta nfproto ipv6 meta pkttype multicast drop");
        // the accept of control protocols comes before any drop
        assertThat(r.indexOf("accept")).isLessThan(r.indexOf("drop"));
    }

    @Test
    void aGroupWithoutUsableMembersIsNotFiltered() {
        Map<String, NomineeRules.GroupNominees> groups = Map.of("g", new NomineeRules.GroupNominees(List.of("a", "b"), null, null, null));
        assertThat(NomineeRules.ruleset(groups)).doesNotContain("drop");
    }

    @Test
    void procNetIgmpIsParsedWithItsLittleEndianGroups() throws Exception {
        List<String> igmp = List.of(
                "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter",
                "1\tlo        :     1      V3",
                "\t\t\t\t010000E0     1 0:00000000\t\t0",
                "3\tm0        :     2      V3",
                "\t\t\t\t030201EF     2 0:00000000\t\t0",
                "\t\t\t\t010000E0     1 0:00000000\t\t0");
        List<String> igmp6 = List.of(
                "3    m0              ff0e0000000000000000000000001234     1 00000004 0",
                "3    m0              ff020000000000000000000000000001     1 0000000C 0",
                "3    m0              ff0200000000000000000001ff000010     1 00000004 0");
        GroupMemberships g = GroupMemberships.of(igmp, igmp6);
        assertThat(g.groupsOn("m0")).containsExactlyInAnyOrder(InetAddress.getByName("239.1.2.3"), InetAddress.getByName("ff0e::1234"));
        assertThat(g.users("m0", InetAddress.getByName("239.1.2.3"))).isEqualTo(2);
        assertThat(g.groupsOn("lo")).isEmpty();   // all-hosts is the kernel's own
    }

    @Test
    void theIgmpVersionOfEachInterfaceIsReadFromTheInterfaceLines() {
        List<String> igmp = List.of(
                "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter",
                "1\tlo        :     1      V3",
                "\t\t\t\t010000E0     1 0:00000000\t\t0",
                "3\tm0        :     2      V2",
                "\t\t\t\t030201EF     2 0:00000000\t\t0");
        assertThat(GroupMemberships.igmpVersions(igmp)).containsEntry("lo", 3).containsEntry("m0", 2).hasSize(2);
    }
}
