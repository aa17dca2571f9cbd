package net.ipmpd.testlab;

import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 3-member lab is built as described: names, MACs, sysctls, and traffic across the bridge in v4 and v6. */
@RequiresRoot
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTopologyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private Lab lab;

    @BeforeAll
    void start() {
        lab = Lab.start(LabSpec.builder()
                .member("m0", "198.18.0.10/24", "2001:2::10/64")
                .member("m1", "198.18.0.11/24", "2001:2::11/64")
                .member("m2", "198.18.0.12/24", "2001:2::12/64")
                .host(LabSpec.target("t1", "198.18.0.1/24", "2001:2::1/64").answeringMulticastEcho())
                .host(LabSpec.target("t2", "198.18.0.2/24", "2001:2::2/64").router("198.19.2.1/24"))
                .client("c", "198.18.0.200/24", "2001:2::200/64")
                .build());
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void namespacesAreNamedAfterTheRunAndExist() {
        String prefix = "ipl" + lab.runId() + "-";
        assertThat(lab.namespaces()).containsExactly(prefix + "h", prefix + "sw", prefix + "t1", prefix + "t2",
                prefix + "c");
        assertThat(Netns.list()).containsAll(lab.namespaces());
        assertThat(lab.runId()).startsWith(Long.toString(ProcessHandle.current().pid(), 36)).matches("[a-z0-9]+");
        assertThat(RunMarker.file(Lab.MARKER_DIR, lab.runId())).exists();
    }

    @Test
    void membersHaveFixedMacsCarrierAndTheirAddressesWithoutDad() {
        for (int i = 0; i < 3; i++) {
            String m = "m" + i;
            LinkInfo l = lab.link(lab.hostNs(), m);
            assertThat(l.mac()).isEqualTo("02:00:00:00:01:0" + i);
            assertThat(l.hasCarrier()).isTrue();
            assertThat(lab.addresses(lab.hostNs(), m)).extracting(IfAddress::cidr)
                    .contains("198.18.0.1" + i + "/24", "2001:2::1" + i + "/64");
            assertThat(lab.addresses(lab.hostNs(), m)).noneMatch(IfAddress::tentative);
            LinkInfo port = lab.link(lab.switchNs(), "sw-" + m);
            assertThat(port.master()).isEqualTo(Lab.BRIDGE);
            assertThat(port.mac()).isEqualTo("02:00:00:00:f1:0" + i);
        }
        assertThat(lab.link(lab.ns("t1"), "t1").mac()).isEqualTo("02:00:00:00:02:00");
        assertThat(lab.link(lab.ns("c"), "c").mac()).isEqualTo("02:00:00:00:02:02");
    }

    @Test
    void ipmpdHostHasTheMultipathingSysctls() {
        for (String scope : List.of("all", "m0", "m2")) {
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".arp_ignore")).isEqualTo("1");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".arp_announce")).isEqualTo("2");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".rp_filter")).isEqualTo("0");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".arp_filter")).isEqualTo("0");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".promote_secondaries")).isEqualTo("1");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.conf." + scope + ".ignore_routes_with_linkdown"))
                    .isEqualTo("1");
            assertThat(lab.sysctl(lab.hostNs(), "net.ipv6.conf." + scope + ".accept_dad")).isEqualTo("0");
        }
        assertThat(lab.sysctl(lab.hostNs(), "net.ipv4.fib_multipath_hash_policy")).isEqualTo("1");
        assertThat(lab.sysctl(lab.ns("t1"), "net.ipv4.icmp_echo_ignore_broadcasts")).isEqualTo("0");
        assertThat(lab.sysctl(lab.ns("t2"), "net.ipv4.icmp_echo_ignore_broadcasts")).isEqualTo("1");
    }

    @Test
    void theBridgeIsPureLayerTwo() {
        // No IPv6 on br0: it would answer echo to ff02::1 and look like a probe target.
        assertThat(lab.addresses(lab.switchNs(), Lab.BRIDGE)).isEmpty();
        assertThat(lab.addresses(lab.switchNs(), "sw-m0")).isEmpty();
    }

    @Test
    void everyMemberReachesTheTargetsAcrossTheBridgeInV4AndV6() {
        for (String m : lab.memberNames()) {
            assertThat(lab.pingVia(lab.hostNs(), m, "198.18.0.1", 2, DEADLINE).received()).as(m + " v4")
                    .isGreaterThanOrEqualTo(2);
            assertThat(lab.pingVia(lab.hostNs(), m, "2001:2::2", 2, DEADLINE).received()).as(m + " v6")
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(lab.ping(lab.ns("c"), "198.18.0.12", 2, DEADLINE).received()).isGreaterThanOrEqualTo(2);
        assertThat(lab.ping(lab.ns("c"), "2001:2::10", 2, DEADLINE).received()).isGreaterThanOrEqualTo(2);
        // IPv6 link-local, as the daemon's probes use it.
        String t1LinkLocal = lab.addresses(lab.ns("t1"), "t1").stream().filter(a -> a.scope().equals("link"))
                .findFirst().orElseThrow().address();
        assertThat(lab.pingVia(lab.hostNs(), "m1", t1LinkLocal + "%m1", 2, DEADLINE).received())
                .isGreaterThanOrEqualTo(2);
        // Neighbour entries show where the replies came from, on both sides.
        assertThat(lab.neighbours(lab.hostNs(), "m0")).anyMatch(n -> "198.18.0.1".equals(n.address())
                && "02:00:00:00:02:00".equals(n.lladdr()));
        Neighbour m2 = lab.awaitNeighbour(lab.ns("t1"), "t1", "198.18.0.12", "02:00:00:00:01:02", DEADLINE);
        assertThat(m2.states()).doesNotContain("FAILED", "INCOMPLETE");
    }

    @Test
    void multicastEchoIsAnsweredOnlyByTargetsAskedToAnswerIt() {
        // 224.0.0.1: only t1 has icmp_echo_ignore_broadcasts=0. Without -q, ping names every responder.
        ExecResult r = lab.exec(lab.hostNs(), "ping", "-n", "-c", "3", "-i", "0.1", "-w", "2", "-I", "m0", "224.0.0.1");
        assertThat(r.stdout()).contains("from 198.18.0.1:").doesNotContain("from 198.18.0.2:")
                .doesNotContain("from 198.18.0.200:");
        // ff02::1 is answered by every IPv6 host on the link, but never by the bridge (no IPv6 there).
        ExecResult v6 = lab.exec(lab.hostNs(), "ping", "-n", "-c", "3", "-i", "0.1", "-w", "2", "ff02::1%m0");
        for (String host : List.of("t1", "t2", "c")) {
            String ll = lab.addresses(lab.ns(host), host).stream().filter(a -> a.scope().equals("link"))
                    .findFirst().orElseThrow().address();
            assertThat(v6.stdout()).as(host).contains("from " + ll + "%m0");
        }
    }

    @Test
    void aRouterTargetForwardsToWhatIsBehindIt() {
        lab.addRoute(lab.ns("c"), "198.19.2.0/24", "198.18.0.2");
        assertThat(lab.ping(lab.ns("c"), "198.19.2.1", 2, DEADLINE).received()).isGreaterThanOrEqualTo(2);
        assertThat(lab.sysctl(lab.ns("t2"), "net.ipv4.ip_forward")).isEqualTo("1");
    }

    @Test
    void theLabRefusesForeignNamespacesAndAddresses() {
        assertThatThrownBy(() -> lab.exec("proto-h", "true")).hasMessageContaining("not part of lab");
        assertThatThrownBy(() -> lab.spawn("iplzzzz-h", "true")).hasMessageContaining("not part of lab");
        assertThatThrownBy(() -> lab.addAddress(lab.hostNs(), "m0", "10.0.0.1/24"))
                .hasMessageContaining("outside the lab ranges");
        assertThatThrownBy(() -> lab.ping(lab.hostNs(), "8.8.8.8", 1, DEADLINE))
                .hasMessageContaining("outside the lab ranges");
    }

    @Test
    void execReportsExitCodeOutputAndTimeout() {
        ExecResult ok = lab.exec(lab.ns("t1"), "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(ok.exitCode()).isEqualTo(3);
        assertThat(ok.stdout()).isEqualTo("out\n");
        assertThat(ok.stderr()).isEqualTo("err\n");
        ExecResult slow = lab.exec(lab.ns("t1"), Duration.ofMillis(300), "sleep", "5");
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(slow::orThrow).hasMessageContaining("timed out");
    }
}
