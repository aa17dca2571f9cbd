package net.ipmpd.testlab;

import net.ipmpd.testlab.junit.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fault does what it claims, seen from the ipmpd host; each test repairs what it broke. */
@RequiresRoot
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration PING = Duration.ofSeconds(1);
    private Lab lab;
    private Faults faults;

    @BeforeAll
    void start() {
        lab = Lab.start(LabSpec.standard(3, 2));
        faults = lab.faults();
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void carrierLossTakesTheMemberLinkDownWhileItStaysAdminUp() {
        String h = lab.hostNs();
        faults.carrierDown("m0");
        try {
            LinkInfo down = lab.awaitCarrier(h, "m0", false, WAIT);
            assertThat(down.adminUp()).isTrue();
            assertThat(down.flags()).contains("NO-CARRIER");
            assertThat(lab.link(h, "m1").hasCarrier()).isTrue();
            assertThat(lab.pingVia(h, "m0", "198.18.0.1", 1, PING).allLost()).isTrue();
        } finally {
            faults.carrierUp("m0");
        }
        lab.awaitCarrier(h, "m0", true, WAIT);
        assertThat(lab.pingVia(h, "m0", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBlockedPortStopsForwardingWhileCarrierStaysUpAndRecovers() {
        String h = lab.hostNs();
        assertThat(lab.pingVia(h, "m1", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
        long changes = lab.link(h, "m1").carrierChanges();
        faults.blockPort("m1");
        try {
            assertThat(faults.blockedPorts()).containsExactly("sw-m1");
            assertThat(lab.pingVia(h, "m1", "198.18.0.1", 3, PING).allLost()).isTrue();
            assertThat(lab.pingVia(h, "m1", "2001:2::2", 3, PING).allLost()).isTrue();
            LinkInfo m1 = lab.link(h, "m1");
            assertThat(m1.hasCarrier()).isTrue();
            assertThat(m1.carrierChanges()).isEqualTo(changes);
            // The other members are not affected.
            assertThat(lab.pingVia(h, "m0", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
            assertThat(lab.pingVia(h, "m2", "2001:2::2", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
        } finally {
            faults.unblockPort("m1");
        }
        assertThat(faults.blockedPorts()).isEmpty();
        assertThat(lab.pingVia(h, "m1", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
        assertThat(lab.pingVia(h, "m1", "2001:2::2", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aOneWayBlockIsEnoughToBreakEchoes() {
        String h = lab.hostNs();
        for (PortBlock direction : new PortBlock[]{PortBlock.FROM_ATTACHED, PortBlock.TO_ATTACHED}) {
            faults.blockPort("m2", direction);
            try {
                assertThat(lab.pingVia(h, "m2", "198.18.0.2", 2, PING).allLost()).as(direction.name()).isTrue();
            } finally {
                faults.unblockPort("m2");
            }
            assertThat(lab.pingVia(h, "m2", "198.18.0.2", 2, WAIT).received()).as(direction.name())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aDeadTargetStopsAnsweringAndTheOtherKeepsAnswering() {
        String h = lab.hostNs();
        assertThat(lab.pingVia(h, "m0", "198.18.0.1", 1, WAIT).received()).isGreaterThanOrEqualTo(1);
        faults.killTarget("t1");
        try {
            assertThat(lab.pingVia(h, "m0", "198.18.0.1", 2, PING).allLost()).isTrue();
            assertThat(lab.pingVia(h, "m0", "2001:2::1", 2, PING).allLost()).isTrue();
            assertThat(lab.pingVia(h, "m0", "198.18.0.2", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
        } finally {
            faults.reviveTarget("t1");
        }
        assertThat(lab.pingVia(h, "m0", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTargetBehindABlockedPortIsDeadWhileItsLinkStaysUp() {
        String h = lab.hostNs();
        faults.blockPort("t2");
        try {
            assertThat(lab.pingVia(h, "m1", "198.18.0.2", 2, PING).allLost()).isTrue();
            assertThat(lab.link(lab.ns("t2"), "t2").hasCarrier()).isTrue();
            assertThat(lab.pingVia(h, "m1", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
        } finally {
            faults.unblockPort("t2");
        }
        assertThat(lab.pingVia(h, "m1", "198.18.0.2", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFlapMakesExactlyTheRequestedTransitionsAndEndsUp() {
        String h = lab.hostNs();
        long before = lab.link(h, "m2").carrierChanges();
        Flap flap = faults.flap("m2", 3, Duration.ofMillis(80), Duration.ofMillis(80));
        assertThat(flap.await(Duration.ofSeconds(10))).isTrue();
        assertThat(flap.transitions()).isEqualTo(6);
        LinkInfo after = lab.awaitCarrier(h, "m2", true, WAIT);
        // The kernel's own counter (IFLA_CARRIER_CHANGES) saw 3 downs and 3 ups.
        assertThat(after.carrierChanges() - before).isEqualTo(6);
    }

    @Test
    void aStoppedFlapLeavesTheCarrierUp() {
        String h = lab.hostNs();
        Flap flap = faults.flap("m1", 100, Duration.ofMillis(200), Duration.ofMillis(50));
        lab.awaitCarrier(h, "m1", false, WAIT);
        flap.stop();
        assertThat(flap.isDone()).isTrue();
        assertThat(flap.transitions()).isLessThan(200).isEven();
        lab.awaitCarrier(h, "m1", true, WAIT);
    }

    @Test
    void aDeletedMemberDisappearsAndComesBackAsItWas() {
        String h = lab.hostNs();
        faults.deleteMember("m2");
        assertThat(lab.findLink(h, "m2")).isEmpty();
        assertThat(lab.findLink(lab.switchNs(), "sw-m2")).isEmpty();

        faults.recreateMember("m2");
        LinkInfo m2 = lab.awaitCarrier(h, "m2", true, WAIT);
        assertThat(m2.mac()).isEqualTo("02:00:00:00:01:02");
        assertThat(lab.link(lab.switchNs(), "sw-m2").master()).isEqualTo(Lab.BRIDGE);
        assertThat(lab.addresses(h, "m2")).extracting(IfAddress::cidr).contains("198.18.0.12/24", "2001:2::12/64");
        assertThat(lab.sysctl(h, "net.ipv4.conf.m2.arp_ignore")).isEqualTo("1");
        assertThat(lab.sysctl(h, "net.ipv4.conf.m2.rp_filter")).isEqualTo("0");
        assertThat(lab.pingVia(h, "m2", "198.18.0.1", 2, WAIT).received()).isGreaterThanOrEqualTo(2);
    }
}
