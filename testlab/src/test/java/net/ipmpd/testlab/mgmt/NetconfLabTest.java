package net.ipmpd.testlab.mgmt;

import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.testlab.Lab;
import net.ipmpd.testlab.e2e.E2eLabs;
import net.ipmpd.testlab.e2e.OperatorTools;
import net.ipmpd.testlab.junit.RequiresRoot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static net.ipmpd.testlab.e2e.E2eLabs.DATA;
import static net.ipmpd.testlab.e2e.E2eLabs.GROUP;
import static net.ipmpd.testlab.mgmt.NetconfXml.children;
import static net.ipmpd.testlab.mgmt.NetconfXml.entry;
import static net.ipmpd.testlab.mgmt.NetconfXml.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 against the real daemon in the lab: a NETCONF manager (ncclient) sees the operational state ipmpstat shows,
 * receives interface-failed and address-moved for a real carrier loss, and an edit-config + commit that adds a member
 * and moves a data address takes effect in the kernel within one probe interval and survives a daemon restart (the
 * commit was written to the daemon's configuration file).
 */
@RequiresRoot
class NetconfLabTest {
    private static final Logger LOG = LogManager.getLogger(NetconfLabTest.class);
    private static final int PORT = 8830;
    private static final String USER = "nms-admin";
    private static final String PASSWORD = "lab netconf pass phrase";
    private static final String NEW_DATA = "198.18.0.102";

    @TempDir
    Path dir;
    @TempDir
    Path tmp;

    @Test
    void stateNotificationsAndEditConfigAgainstTheRealDaemon() throws IOException {
        try (Lab lab = Lab.start(E2eLabs.spec(3, false));
             ManagedDaemon ipmpd = ManagedDaemon.start(lab, dir, E2eLabs.oneGroup(2, MgmtLabs.FDT_MS, true).render(),
                     "--netconf-config", MgmtLabs.writeNetconfSettings(dir, PORT, USER, PASSWORD).toString())) {
            lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(5));
            MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1");
            OperatorTools tools = new OperatorTools(ipmpd.socket());
            List<String> figures = new ArrayList<>();
            try (NetconfSession nc = NetconfSession.open(lab, PORT, USER, PASSWORD)) {
                operationalStateMatchesIpmpstat(nc, tools);
                nc.ok("subscribe");
                carrierLossIsNotified(lab, ipmpd, nc, figures);
                editConfigTakesEffect(lab, ipmpd, nc, figures);
            }
            assertThat(ipmpd.errors()).as("faults in the daemon's own log").isEmpty();
            survivesRestart(lab, ipmpd, tools);
            assertThat(ipmpd.errors()).as("faults in the restarted daemon's log").isEmpty();
            LOG.warn("NETCONF in the lab: {}", String.join(", ", figures));
        }
    }

    /** A NETCONF get of /ipmp shows, per group, member and data address, what ipmpstat -g/-i/-a show. */
    private void operationalStateMatchesIpmpstat(NetconfSession nc, OperatorTools tools) {
        for (int attempt = 0; ; attempt++) {
            var before = SnmpValues.IpmpstatView.of(tools);
            Element ipmp = getIpmp(nc);
            var after = SnmpValues.IpmpstatView.of(tools);
            if (!before.equals(after) && attempt < 4) {
                continue;   // the state moved while we looked
            }
            List<Element> groups = children(ipmp, "group");
            for (List<String> g : before.groups()) {
                assertThat(text(entry(groups, "name", g.get(0)), "state")).as("group %s state", g.get(0))
                        .isEqualTo(g.get(1));
            }
            for (List<String> m : before.members()) {   // INTERFACE,ACTIVE,GROUP,LINK,PROBE,STATE
                Element member = entry(children(entry(groups, "name", m.get(2)), "member"), "interface", m.get(0));
                assertThat(List.of(text(member, "active"), text(member, "link-state"), text(member, "probe-state"),
                        text(member, "state"))).as("member %s active, link, probe, state", m.get(0))
                        .isEqualTo(List.of(m.get(1).equals("yes") ? "true" : "false", m.get(3), m.get(4), m.get(5)));
            }
            for (List<String> a : before.addresses()) {   // ADDRESS,STATE,GROUP,INBOUND
                Element d = entry(children(entry(groups, "name", a.get(2)), "data-address"), "address", a.get(0));
                assertThat(text(d, "state")).as("data address %s state", a.get(0)).isEqualTo(a.get(1));
                assertThat(text(d, "current-member")).as("data address %s current member", a.get(0))
                        .isEqualTo(a.get(3));
            }
            assertThat(before.members()).isNotEmpty();
            LOG.info("NETCONF get agrees with ipmpstat: {}", before);
            return;
        }
    }

    /** A get of /ipmp (config and state), checked against the module by yanglint; the ipmp container. */
    private Element getIpmp(NetconfSession nc) {
        String xml = NetconfSession.result(nc.ok("get", "filter", "<ipmp xmlns=\"" + NetconfSession.NS + "\"/>"))
                .orElseThrow(() -> new AssertionError("get returned no data"));
        Element ipmp = NetconfXml.child(NetconfXml.parse(xml), "ipmp")
                .orElseThrow(() -> new AssertionError("no ipmp container in " + xml));
        YangCheck.validate("data", NetconfXml.toText(ipmp), tmp);
        return ipmp;
    }

    /** Carrier loss on m0: interface-failed and address-moved, both with cause link-down, reach the subscriber. */
    private void carrierLossIsNotified(Lab lab, ManagedDaemon ipmpd, NetconfSession nc, List<String> figures) {
        long t0 = System.nanoTime();
        lab.faults().carrierDown("m0");
        Element failed = awaitNotification(nc, "interface-failed", Duration.ofSeconds(5));
        figures.add("carrier down -> interface-failed at the manager " + MgmtLabs.millisSince(t0) + " ms");
        assertThat(List.of(text(failed, "group"), text(failed, "member"), text(failed, "cause")))
                .isEqualTo(List.of(GROUP, "m0", "link-down"));
        assertThat(text(failed, "time")).as("the engine's decision time").isNotEmpty();
        Element moved = awaitNotification(nc, "address-moved", Duration.ofSeconds(5));
        figures.add("carrier down -> address-moved " + MgmtLabs.millisSince(t0) + " ms");
        assertThat(List.of(text(moved, "group"), text(moved, "address"), text(moved, "from-member"),
                text(moved, "to-member"), text(moved, "cause"))).isEqualTo(List.of(GROUP, DATA, "m0", "m1", "link-down"));
        lab.awaitAddress(lab.hostNs(), "m1", DATA, true, Duration.ofSeconds(1));

        lab.faults().carrierUp("m0");
        Element back = awaitNotification(nc, "address-moved", MgmtLabs.repairWait(ipmpd, GROUP));
        assertThat(List.of(text(back, "from-member"), text(back, "to-member"), text(back, "cause")))
                .isEqualTo(List.of("m1", "m0", "failback"));
        lab.awaitAddress(lab.hostNs(), "m0", DATA, true, Duration.ofSeconds(1));
    }

    /** Skips other notifications (link changes, probe results) until one named name arrives; bounded. */
    private Element awaitNotification(NetconfSession nc, String name, Duration timeout) {
        return awaitNotification(nc, name, () -> timeout);
    }

    /** As above with a budget re-read while waiting (it follows the group's effective FDT). */
    private Element awaitNotification(NetconfSession nc, String name, Supplier<Duration> budget) {
        long start = System.nanoTime();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long left = start + budget.get().toNanos() - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Optional<String> xml = nc.notification(Duration.ofNanos(Math.min(left, 500_000_000L)));
            if (xml.isEmpty()) {
                continue;
            }
            Element n = NetconfXml.parse(xml.get());
            Element content = firstContent(n);
            // the whole RFC 5277 envelope (eventTime first, then the content) against the module
            YangCheck.validate("nc-notif", xml.get(), tmp);
            seen.add(content.getLocalName());
            if (name.equals(content.getLocalName())) {
                assertThat(text(n, "eventTime")).as("RFC 5277 eventTime").isNotEmpty();
                return content;
            }
        }
        throw new AssertionError("no " + name + " notification within " + budget.get().toMillis() + " ms; saw " + seen);
    }

    /** The notification's content element: the child that is not eventTime. */
    private static Element firstContent(Element notification) {
        for (var n = notification.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !"eventTime".equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("an empty notification");
    }

    /**
     * edit-config on the candidate + commit: m2 joins the group, data address DATA's home member becomes m2 and a
     * new data address is added at home on m2. With failback the engine places them on m2 at once; the kernel must
     * show it within one probe interval of the commit's reply.
     */
    private void editConfigTakesEffect(Lab lab, ManagedDaemon ipmpd, NetconfSession nc, List<String> figures) {
        GroupSnapshot g = ipmpd.snapshot().group(GROUP).orElseThrow();
        // the probe interval of the configured FDT (FDT / 7, in.mpathd's user_probe_interval), not a raised one: a
        // slow probe reply on a loaded host can make the effective interval seconds long
        long probeInterval = Math.min(g.probeIntervalMs(), g.configuredFdtMs() / 7);
        String edit = NetconfSession.config("<group><name>" + GROUP + "</name>"
                + "<member><interface>m2</interface><ipv4-test-address><address>198.18.0.12</address>"
                + "<prefix-length>24</prefix-length></ipv4-test-address></member>"
                + "<data-address><address>" + DATA + "</address><home-member>m2</home-member></data-address>"
                + "<data-address><address>" + NEW_DATA + "</address><prefix-length>24</prefix-length>"
                + "<home-member>m2</home-member></data-address></group>");
        nc.ok("edit-config", "target", "candidate", "config", edit);
        assertThat(lab.hasAddress(lab.hostNs(), "m2", NEW_DATA)).as("nothing happens before the commit").isFalse();
        long t0 = System.nanoTime();
        nc.ok("commit");
        long replyMs = MgmtLabs.millisSince(t0);
        long t1 = System.nanoTime();
        lab.awaitAddress(lab.hostNs(), "m2", DATA, true, Duration.ofMillis(probeInterval));
        long movedMs = MgmtLabs.millisSince(t1);
        lab.awaitAddress(lab.hostNs(), "m2", NEW_DATA, true, Duration.ofMillis(probeInterval));
        long placedMs = MgmtLabs.millisSince(t1);
        lab.awaitAddress(lab.hostNs(), "m0", DATA, false, Duration.ofMillis(probeInterval));
        figures.add("commit reply " + replyMs + " ms, then " + DATA + " on m2 after " + movedMs + " ms and " + NEW_DATA
                + " after " + placedMs + " ms (probe interval " + probeInterval + " ms)");
        lab.awaitAddress(lab.hostNs(), "m2", "198.18.0.12", true, Duration.ofMillis(probeInterval));
        long testAddressMs = MgmtLabs.millisSince(t1);
        figures.add("new member m2's test address plumbed " + testAddressMs + " ms after the reply");
        Element moved = awaitNotification(nc, "address-moved", Duration.ofSeconds(2));
        assertThat(List.of(text(moved, "address"), text(moved, "from-member"), text(moved, "to-member")))
                .isEqualTo(List.of(DATA, "m0", "m2"));
        MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(10), "m2");
        // the running datastore and the daemon agree
        Element ipmp = getIpmp(nc);
        Element group = entry(children(ipmp, "group"), "name", GROUP);
        assertThat(text(entry(children(group, "data-address"), "address", NEW_DATA), "current-member")).isEqualTo("m2");
        assertThat(children(group, "member")).extracting(m -> text(m, "interface")).contains("m0", "m1", "m2");
    }

    /**
     * SIGTERM, then a restart from the configuration file NETCONF wrote: m2 is still a member and the data addresses
     * are where the committed configuration puts them. While the daemon is down the new data address is removed from
     * the kernel by hand: only the configuration file can bring it back.
     */
    private void survivesRestart(Lab lab, ManagedDaemon ipmpd, OperatorTools tools) throws IOException {
        String file = Files.readString(ipmpd.configFile());
        assertThat(file).as("the commit was saved to the daemon's -c file").contains("\"m2\"").contains(NEW_DATA);
        ipmpd.stop();
        lab.deleteAddress(lab.hostNs(), "m2", NEW_DATA + "/24");
        long t0 = System.nanoTime();
        ipmpd.start();
        lab.awaitAddress(lab.hostNs(), "m2", NEW_DATA, true, Duration.ofSeconds(5));
        long backMs = MgmtLabs.millisSince(t0);
        assertThat(lab.hasAddress(lab.hostNs(), "m2", DATA)).as("the moved address stays on m2").isTrue();
        assertThat(lab.hasAddress(lab.hostNs(), "m0", DATA)).isFalse();
        MgmtLabs.awaitProbesAnswered(ipmpd, Duration.ofSeconds(15), "m0", "m1", "m2");
        List<List<String>> addrs = tools.parsable("-a", "ADDRESS,GROUP,INBOUND");
        assertThat(addrs).contains(List.of(DATA, GROUP, "m2"), List.of(NEW_DATA, GROUP, "m2"));
        assertThat(tools.parsable("-i", "INTERFACE,GROUP")).contains(List.of("m2", GROUP));
        // the restarted daemon's running datastore is the committed configuration
        try (NetconfSession nc = NetconfSession.open(lab, PORT, USER, PASSWORD)) {
            String xml = NetconfSession.result(nc.ok("get-config", "source", "running")).orElseThrow();
            Element group = entry(children(NetconfXml.child(NetconfXml.parse(xml), "ipmp").orElseThrow(), "group"),
                    "name", GROUP);
            assertThat(children(group, "member")).extracting(m -> text(m, "interface")).containsExactly("m0", "m1", "m2");
            assertThat(children(group, "data-address")).extracting(d -> text(d, "address") + "@" + text(d, "home-member"))
                    .containsExactly(DATA + "@m2", NEW_DATA + "@m2");
        }
        LOG.warn("NETCONF config after restart: {} back on m2 {} ms after the start; ipmpstat -a {}", NEW_DATA, backMs,
                addrs);
    }
}
