package net.ipmpd.engine.sim;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.notify.Notification.ProbeCompleted;
import net.ipmpd.engine.notify.Notification.TargetChanged;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.MemberSnapshot;

/**
 * The engine's story in simulated time, printed as it happens: a three-member group (one
 * standby) loses a cable, then a switch port, then gets both back, and an operator takes a member
 * offline. Runs without root or network: the engine against the simulated network.
 */
public final class ScenarioDemo {
    private final Simulation sim;
    private final PrintStream out;
    private int shown;

    private ScenarioDemo(PrintStream out) throws Exception {
        this.out = out;
        List<MemberConfig> members = List.of(member("eth0", 10, false), member("eth1", 11, false), member("eth2", 12, true));
        GroupConfig group = new GroupConfig("ipmp0", OptionalLong.empty(), members,
                List.of(new DataAddressConfig(ip("198.18.0.100"), 24, "eth0"), new DataAddressConfig(ip("198.18.0.101"), 24, "eth1")),
                List.of());
        sim = new Simulation(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(group)), 2026);
        for (String t : List.of("198.18.0.1", "198.18.0.2", "198.18.0.3")) {
            sim.network().addHost(ip(t), 300_000);
        }
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static MemberConfig member(String name, int host, boolean standby) throws Exception {
        return new MemberConfig(name, standby, Optional.of(new TestAddress(ip("198.18.0." + host), 24)), Optional.empty());
    }

    public static void main(String[] args) throws Exception {
        new ScenarioDemo(System.out).run();
    }

    private void run() {
        say("ipmpd engine demo, simulated time: group ipmp0 = eth0, eth1, eth2 (standby); FDT 10 s; targets found by multicast");
        sim.start();
        show();
        sim.advanceMs(45_000);
        say("t+45s: quiet period over, targets discovered");
        state();
        say("pull the cable of eth0");
        sim.carrierDown("eth0");
        show();
        state();
        say("plug it back in (repair needs 10 answered probes, about 14 s)");
        sim.carrierUp("eth0");
        sim.runUntil(s -> s.snapshot().member("eth0").orElseThrow().usable(), 30_000);
        show();
        state();
        sim.portBlocked("eth1", true);
        say("the switch port of eth1 stops forwarding; its carrier stays up, so only probes can tell");
        double took = sim.runUntil(s -> !s.snapshot().member("eth1").orElseThrow().usable(), 20_000);
        show();
        say(String.format("detected in %.0f ms (FDT 10000 ms)", took));
        state();
        say("the port forwards again");
        sim.portBlocked("eth1", false);
        sim.runUntil(s -> s.snapshot().member("eth1").orElseThrow().usable(), 30_000);
        show();
        say("if_mpadm -d eth0 (DR detach)");
        say("  -> " + sim.offline("eth0"));
        show();
        say("if_mpadm -d eth1 (the last functioning member besides the standby eth2)");
        say("  -> " + sim.offline("eth1"));
        show();
        say("if_mpadm -d eth2 (would leave no functioning interface)");
        say("  -> " + sim.offline("eth2"));
        say("if_mpadm -r eth0; if_mpadm -r eth1");
        sim.online("eth0");
        sim.online("eth1");
        show();
        state();
        say("done: " + sim.notificationCounts());
    }

    private void say(String s) {
        out.printf("[%9.3f s] %s%n", sim.elapsedMs() / 1000, s);
    }

    private void show() {
        List<Notification> all = sim.notifications();
        for (; shown < all.size(); shown++) {
            Notification n = all.get(shown);
            if (n instanceof ProbeCompleted || n instanceof TargetChanged) {
                continue;
            }
            out.printf("[%9.3f s]   %s%n", (n.atNanos() - 1_000_000_000L) / 1e9, n);
        }
    }

    private void state() {
        GroupSnapshot g = sim.snapshot().group("ipmp0").orElseThrow();
        StringBuilder b = new StringBuilder("  group ipmp0 " + g.state().name().toLowerCase() + ":");
        for (MemberSnapshot m : g.members()) {
            b.append(' ').append(m.name()).append('=').append(m.state().name().toLowerCase()).append(m.active() ? "(active)" : "");
        }
        g.dataAddresses().forEach(d -> b.append("; ").append(d.address().getHostAddress()).append(" on ")
                .append(d.currentMember().orElse("-")));
        out.println(b);
    }
}
