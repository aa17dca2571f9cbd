package net.ipmpd.agent.cli;

import static net.ipmpd.agent.control.SampleSnapshot.member;
import static net.ipmpd.agent.control.SampleSnapshot.probing;
import static net.ipmpd.agent.control.SampleSnapshot.sample;
import static net.ipmpd.agent.control.SampleSnapshot.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.state.DataAddressSnapshot;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.engine.state.GroupCounters;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.Presence;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;
import org.junit.jupiter.api.Test;

class IpmpstatRendererTest {
    /** The sample snapshot is taken at engine time 1 s; ipmpstat received it at this wall-clock time. */
    private static final Instant QUERIED_AT = Instant.parse("2026-11-25T12:00:00Z");

    private static String human(EngineSnapshot s, OutputMode mode) throws Exception {
        return IpmpstatRenderer.render(s, mode, null, Table.Format.HUMAN).text();
    }

    @Test
    void groupModeShowsActiveInactiveInParenthesesAndUnusableInBrackets() throws Exception {
        assertThat(human(sample(), OutputMode.GROUP)).isEqualTo("""
                GROUP       GROUPNAME   STATE     FDT       INTERFACES
                g0          g0          degraded  10.00s    net0 (net1) [net2 net3]
                g1          g1          degraded  --        net4 [net5 net6]
                --          --          ok        --        eth9
                """);
    }

    @Test
    void routeModeListsTheRoutesKeptThroughEachGroupWithTheirMembers() throws Exception {
        // default fields fit in 80 columns; a value wider than its field pushes the rest right, as ofmt does
        assertThat(human(sample(), OutputMode.ROUTE)).isEqualTo("""
                DESTINATION         GATEWAY           METRIC GROUP       ORIGIN   INTERFACES
                198.18.0.0/24       --                0      g0          created  net0
                default             198.18.0.1        0      g0          followed net0
                2001:2:0:1::/64     2001:2::1 2001:2::2 1024 g0          followed net0
                """);
        assertThat(IpmpstatRenderer.render(sample(), OutputMode.ROUTE, null, Table.Format.JSON).text())
                .contains("\"destination\":\"0.0.0.0/0\",\"gateways\":[\"198.18.0.1\"],\"metric\":0,\"group\":\"g0\","
                        + "\"origin\":\"followed\",\"interfaces\":[\"net0\"],\"family\":\"ipv4\"");
    }

    @Test
    void interfaceModeFlagsColumnHasSolarisSevenLettersInTheirPositions() throws Exception {
        assertThat(human(sample(), OutputMode.INTERFACE)).isEqualTo("""
                INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE
                net0        yes     g0          --mbM--   up        ok        ok
                net1        no      g0          is-----   up        ok        ok
                net2        no      g0          -------   down      failed    failed
                net3        no      g0          -------   up        disabled  offline
                net4        yes     g1          -------   up        disabled  ok
                net5        no      g1          -------   up        disabled  failed
                net6        no      g1          -----d-   unknown   disabled  failed
                eth9        yes     --          -------   up        disabled  ok
                """);
    }

    @Test
    void probeShowsFailedForAMemberFailedByItsLinkAsInMpathdDoes() throws Exception {
        // the engine's own probe verdict is still ok: the link failed first
        MemberSnapshot linkFailed = member("net7", "g2", MemberState.FAILED, false, Set.of(MemberFlag.FAILED),
                LinkState.DOWN, ProbeState.OK, Presence.PRESENT,
                probing(Family.IPV4, "198.18.0.17", 24, TargetMode.ROUTES, ProbeState.OK,
                        target("198.18.0.1", TargetMode.ROUTES, TargetState.ACTIVE)));
        assertThat(IpmpstatRenderer.render(single(linkFailed), OutputMode.INTERFACE, "interface,link,probe,state",
                Table.Format.PARSABLE).text()).isEqualTo("net7:down:failed:failed\n");
    }

    @Test
    void anAbsentProbingMemberHasNoUpAddressAndItsProbeStateIsUnknown() throws Exception {
        MemberSnapshot missing = member("net8", "g2", MemberState.FAILED, false, Set.of(MemberFlag.FAILED),
                LinkState.UNKNOWN, ProbeState.OK, Presence.NOT_PRESENT,
                probing(Family.IPV4, "198.18.0.18", 24, TargetMode.ROUTES, ProbeState.OK));
        MemberSnapshot removed = member("net9", "g2", MemberState.OFFLINE, false, Set.of(MemberFlag.OFFLINE),
                LinkState.UNKNOWN, ProbeState.FAILED, Presence.REMOVED,
                probing(Family.IPV4, "198.18.0.19", 24, TargetMode.ROUTES, ProbeState.FAILED));
        assertThat(IpmpstatRenderer.render(single(missing, removed), OutputMode.INTERFACE, "interface,flags,probe,state",
                Table.Format.PARSABLE).text()).isEqualTo("net8:-----d-:unknown:failed\nnet9:-----d-:unknown:offline\n");
    }

    @Test
    void addressModeStateIsWhetherTheAddressIsUpAndInboundIsEmptyWhenItsMemberIsUnusable() throws Exception {
        assertThat(human(sample(), OutputMode.ADDRESS)).isEqualTo("""
                ADDRESS                   STATE  GROUP       INBOUND     OUTBOUND
                198.18.0.100              up     g0          net0        net0
                2001:2::100               up     g0          net0        net0
                198.18.0.101              up     g0          --          --
                198.18.1.100              up     g1          net4        net4
                """);
    }

    @Test
    void anAddressNotYetPlacedIsDownAndAnAddressOfAFailedGroupStaysUp() throws Exception {
        GroupSnapshot g = new GroupSnapshot("g3", GroupState.FAILED, 10_000, 10_000, 2_000, List.of(),
                List.of(new DataAddressSnapshot(SampleSnapshotIp.V4, 24, "net0", Optional.empty(), false),
                        new DataAddressSnapshot(SampleSnapshotIp.V4B, 24, "net1", Optional.of("net1"), false)),
                List.of(), GroupCounters.ZERO, 0);
        EngineSnapshot s = new EngineSnapshot(1, 0, EngineConfig.defaults(), List.of(g), Optional.empty());
        assertThat(IpmpstatRenderer.render(s, OutputMode.ADDRESS, "address,state,inbound,outbound", Table.Format.PARSABLE)
                .text()).isEqualTo("198.18.3.1:down::\n198.18.3.2:up::\n");
    }

    @Test
    void targetModeShowsOneLinePerProbedFamilyAndDisabledWhenNothingProbes() throws Exception {
        assertThat(human(sample(), OutputMode.TARGET)).isEqualTo("""
                INTERFACE   MODE      TESTADDR            TARGETS
                net0        routes    198.18.0.11         198.18.0.1 198.18.0.2
                net0        multicast fe80::11            fe80::1
                net1        routes    198.18.0.12         198.18.0.1
                net2        routes    198.18.0.13         --
                net3        disabled  --                  --
                net4        disabled  --                  --
                net5        disabled  --                  --
                net6        disabled  --                  --
                eth9        disabled  --                  --
                """);
    }

    @Test
    void targetModeShowsOnlyTheIpv6LineWhenOnlyIpv6Probes() throws Exception {
        MemberSnapshot v6only = member("net7", "g2", MemberState.OK, true, Set.of(), LinkState.UP, ProbeState.OK,
                Presence.PRESENT, probing(Family.IPV6, "fe80::7", 64, TargetMode.STATIC, ProbeState.OK,
                        target("fe80::1", TargetMode.STATIC, TargetState.ACTIVE),
                        target("fe80::2", TargetMode.STATIC, TargetState.SLOW)));
        EngineSnapshot s = single(v6only);
        assertThat(human(s, OutputMode.TARGET)).isEqualTo("""
                INTERFACE   MODE      TESTADDR            TARGETS
                net7        static    fe80::7             fe80::1
                """);
    }

    @Test
    void parsableOutputHasNoHeaderPrintsEmptyAsNothingAndEscapesColonAndBackslash() throws Exception {
        String out = IpmpstatRenderer.render(sample(), OutputMode.ADDRESS, "address,state,inbound", Table.Format.PARSABLE)
                .text();
        assertThat(out).isEqualTo("""
                198.18.0.100:up:net0
                2001\\:2\\:\\:100:up:net0
                198.18.0.101:up:
                198.18.1.100:up:net4
                """);
    }

    @Test
    void parsableOutputWithOneFieldIsNotEscaped() throws Exception {
        String out = IpmpstatRenderer.render(sample(), OutputMode.ADDRESS, "ADDRESS", Table.Format.PARSABLE).text();
        assertThat(out.lines().toList()).containsExactly("198.18.0.100", "2001:2::100", "198.18.0.101", "198.18.1.100");
    }

    @Test
    void fieldsAreChosenCaseInsensitivelyInTheOrderGiven() throws Exception {
        String out = IpmpstatRenderer.render(sample(), OutputMode.GROUP, "fdt,Group", Table.Format.HUMAN).text();
        assertThat(out).isEqualTo("""
                FDT       GROUP
                10.00s    g0
                --        g1
                --        --
                """);
    }

    @Test
    void parsableGroupFdtMatchesTheManPageExampleScript() throws Exception {
        // ipmpstat(8) example: ipmpstat -gP -o group,fdt | while IFS=: read group fdt
        String out = IpmpstatRenderer.render(sample(), OutputMode.GROUP, "group,fdt", Table.Format.PARSABLE).text();
        assertThat(out).isEqualTo("g0:10.00s\ng1:\n:\n");
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarningInHumanModeAndRefusedInParsableMode() throws Exception {
        IpmpstatRenderer.Output o = IpmpstatRenderer.render(sample(), OutputMode.GROUP, "group,bogus,nope",
                Table.Format.HUMAN);
        assertThat(o.warnings()).containsExactly("ignoring unknown output fields: `bogus' `nope'");
        assertThat(o.text().lines().findFirst()).contains("GROUP");
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.GROUP, "group,bogus", Table.Format.PARSABLE))
                .hasMessage("unknown output field: `bogus'");
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.GROUP, "bogus", Table.Format.HUMAN))
                .hasMessage("no valid output fields");
    }

    @Test
    void parsableModeNeedsAnExplicitFieldListWithoutAll() {
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.INTERFACE, null, Table.Format.PARSABLE))
                .hasMessage("output fields must be specified in parsable mode");
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.INTERFACE, "all", Table.Format.PARSABLE))
                .hasMessage("output field `all' invalid in parsable mode");
    }

    @Test
    void allSelectsEveryFieldOfTheMode() throws Exception {
        String header = human2(OutputMode.INTERFACE, "all").lines().findFirst().orElseThrow();
        assertThat(header.split(" +")).containsExactly("INTERFACE", "ACTIVE", "GROUP", "FLAGS", "LINK", "PROBE", "STATE");
    }

    private static String human2(OutputMode mode, String spec) {
        try {
            return IpmpstatRenderer.render(sample(), mode, spec, Table.Format.HUMAN).text();
        } catch (FieldSelection.FieldException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aValueWiderThanItsFieldIsFollowedByOneSpaceAndTheNextFieldsGiveBackTheOverflow() throws Exception {
        MemberSnapshot longName = member("enp0s31f6abcdef", "g2", MemberState.OK, true, Set.of(), LinkState.UP,
                ProbeState.DISABLED, Presence.PRESENT);
        String out = human(single(longName), OutputMode.INTERFACE);
        // 15 characters in a 12-wide field: 4 columns over, taken back from ACTIVE's and GROUP's padding.
        assertThat(out.lines().toList().get(1)).isEqualTo("enp0s31f6abcdef yes g2          -------   up        disabled  ok");
    }

    @Test
    void aValueThatCannotBeDeterminedShowsAQuestionMarkAndAWarning() {
        List<Column<String>> cols = List.of(new Column<>("NAME", 8, v -> v), new Column<>("WHAT", 8, v -> null));
        Table<String> human = new Table<>(cols, Table.Format.HUMAN);
        assertThat(human.row("a")).isEqualTo("NAME    WHAT\na       ?\n");
        assertThat(human.warnings()).containsExactly("cannot determine WHAT");
        assertThat(new Table<>(cols, Table.Format.PARSABLE).row("a")).isEqualTo("a:?\n");
        Table<String> json = new Table<>(cols, Table.Format.JSON);
        assertThat(json.row("a")).isEqualTo("{\"name\":\"a\",\"what\":null}\n");
        assertThat(json.warnings()).containsExactly("cannot determine WHAT");
    }

    @Test
    void theHeaderIsRepeatedAfterEachScreenfulOf24Rows() throws Exception {
        MemberSnapshot[] many = new MemberSnapshot[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = member("m" + i, "g2", MemberState.OK, true, Set.of(), LinkState.UP, ProbeState.DISABLED,
                    Presence.PRESENT);
        }
        List<String> lines = human(single(many), OutputMode.INTERFACE).lines().toList();
        // ofmt: header, 23 rows, header, 7 rows.
        assertThat(lines).hasSize(32);
        assertThat(lines.get(0)).startsWith("INTERFACE");
        assertThat(lines.get(23)).startsWith("m22 ");
        assertThat(lines.get(24)).startsWith("INTERFACE");
        assertThat(lines.get(25)).startsWith("m23 ");
        assertThat(lines.stream().filter(l -> l.startsWith("INTERFACE")).count()).isEqualTo(2);
    }

    @Test
    void jsonGroupsHaveNumbersArraysCountersAndLastChangeTimes() throws Exception {
        String out = IpmpstatRenderer.render(sample(), OutputMode.GROUP, null, Table.Format.JSON, QUERIED_AT).text();
        // g0 changed at engine time 5 ns; the snapshot was taken at engine time 1 s and received at QUERIED_AT
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out).startsWith("[{\"group\":\"g0\",\"groupname\":\"g0\",\"state\":\"degraded\",\"fdt-ms\":10000,"
                + "\"interfaces\":{\"active\":[\"net0\"],\"inactive\":[\"net1\"],\"unusable\":[\"net2\",\"net3\"]},"
                + "\"configured-fdt-ms\":10000,\"probe-interval-ms\":2000,\"failures\":0,\"repairs\":0,\"failovers\":2,"
                + "\"last-change\":\"2026-11-25T11:59:59.000000005Z\"},");
        assertThat(out).contains("{\"group\":\"g1\",\"groupname\":\"g1\",\"state\":\"degraded\",\"fdt-ms\":null,");
        assertThat(out).contains("{\"group\":null,\"groupname\":null,\"state\":\"ok\",");
        assertThat(out).endsWith("\"last-change\":null}]\n");
    }

    @Test
    void jsonInterfacesHaveBooleansFlagWordsAndCounters() throws Exception {
        String out = IpmpstatRenderer.render(sample(), OutputMode.INTERFACE, "interface,active,flags,failures,last-change",
                Table.Format.JSON, QUERIED_AT).text();
        assertThat(out).startsWith("[{\"interface\":\"net0\",\"active\":true,\"flags\":[\"ipv4-multicast-nominee\","
                + "\"ipv4-broadcast-nominee\",\"ipv6-multicast-nominee\"],\"failures\":0,\"last-change\":null},"
                + "{\"interface\":\"net1\",\"active\":false,\"flags\":[\"inactive\",\"standby\"],");
        assertThat(out).contains("{\"interface\":\"net5\",\"active\":false,\"flags\":[\"flapping\"],");
        assertThat(out).contains("{\"interface\":\"net6\",\"active\":false,\"flags\":[\"down\"],");
    }

    @Test
    void jsonAddressesAndTargetsHaveArrays() throws Exception {
        assertThat(IpmpstatRenderer.render(sample(), OutputMode.ADDRESS, "address,inbound,outbound,prefix-length",
                Table.Format.JSON).text()).startsWith("[{\"address\":\"198.18.0.100\",\"inbound\":\"net0\","
                + "\"outbound\":[\"net0\"],\"prefix-length\":24},").contains(
                "{\"address\":\"198.18.0.101\",\"inbound\":null,\"outbound\":[],\"prefix-length\":24}");
        assertThat(IpmpstatRenderer.render(sample(), OutputMode.TARGET, "interface,testaddr,targets,probes-lost",
                Table.Format.JSON).text()).startsWith("[{\"interface\":\"net0\",\"testaddr\":\"198.18.0.11\","
                + "\"targets\":[\"198.18.0.1\",\"198.18.0.2\"],\"probes-lost\":2},").contains(
                "{\"interface\":\"net3\",\"testaddr\":null,\"targets\":[],\"probes-lost\":null}");
    }

    @Test
    void jsonOnlyFieldsNeverReachTheSolarisFormats() {
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.INTERFACE, "interface,failures",
                Table.Format.PARSABLE)).hasMessage("unknown output field: `failures'");
        assertThat(human2(OutputMode.GROUP, "all").lines().findFirst().orElseThrow().split(" +"))
                .containsExactly("GROUP", "GROUPNAME", "STATE", "FDT", "INTERFACES");
    }

    @Test
    void fdtIsShownInSecondsWithTwoDecimals() {
        GroupSnapshot g = sample().group("g0").orElseThrow();
        GroupSnapshot raised = new GroupSnapshot("g0", g.state(), 10_000, 12_345, 2_469, g.members(), g.dataAddresses(),
                g.outboundMembers(), g.counters(), 0);
        assertThat(IpmpstatFields.fdt(raised)).isEqualTo("12.35s");
        GroupSnapshot fast = new GroupSnapshot("g0", g.state(), 100, 100, 20, g.members(), g.dataAddresses(),
                g.outboundMembers(), g.counters(), 0);
        assertThat(IpmpstatFields.fdt(fast)).isEqualTo("0.10s");
    }

    @Test
    void everyFlagLetterHasItsOwnPosition() {
        MemberSnapshot all = member("x", "g", MemberState.OK, false, Set.of(MemberFlag.values()), LinkState.UP,
                ProbeState.OK, Presence.REMOVED);
        assertThat(IpmpstatFields.flags(all)).isEqualTo("ismbMdh");
        MemberSnapshot none = member("x", "g", MemberState.OK, true, Set.of(), LinkState.UP, ProbeState.OK,
                Presence.PRESENT);
        assertThat(IpmpstatFields.flags(none)).isEqualTo("-------");
    }

    @Test
    void aMemberOfflinedForADuplicateHardwareAddressShowsHInTheSeventhPosition() {
        MemberSnapshot dup = member("x", "g", MemberState.OFFLINE, false,
                Set.of(MemberFlag.OFFLINE, MemberFlag.DUPLICATE_HARDWARE_ADDRESS), LinkState.UP, ProbeState.DISABLED,
                Presence.PRESENT);
        assertThat(IpmpstatFields.flags(dup)).isEqualTo("------h");
        assertThat(IpmpstatFields.flagWords(dup)).containsExactly("duplicate-hardware-address");
    }

    @Test
    void probeModeIsNotRenderedFromASnapshot() {
        assertThatThrownBy(() -> IpmpstatRenderer.render(sample(), OutputMode.PROBE, null, Table.Format.HUMAN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EngineSnapshot single(MemberSnapshot... members) {
        GroupSnapshot g = new GroupSnapshot("g2", GroupState.OK, 10_000, 10_000, 2_000, List.of(members), List.of(),
                List.of(), GroupCounters.ZERO, 0);
        return new EngineSnapshot(1, 0, EngineConfig.defaults(), List.of(g), Optional.empty());
    }

    private static final class SampleSnapshotIp {
        static final java.net.InetAddress V4 = net.ipmpd.agent.control.SampleSnapshot.ip("198.18.3.1");
        static final java.net.InetAddress V4B = net.ipmpd.agent.control.SampleSnapshot.ip("198.18.3.2");
    }
}
