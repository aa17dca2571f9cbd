package net.ipmpd.agent.linux;

import static net.ipmpd.agent.linux.NamespaceLab.ip;
import static net.ipmpd.agent.linux.NamespaceLab.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import net.ipmpd.agent.runtime.EngineRunner;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.state.DataAddressSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Root only. The real engine (on its writer thread) drives the Linux dataplane in namespace h
 * (link-only members h0, h1 on a bridge in sw). One failover, a carrier loss on h0, must rewrite
 * each of the group's two subnet routes (IPv4 and IPv6) exactly once: the engine sends the moves
 * first and then one SetOutbound, and a move does not rewrite routes with the old members.
 */
class FailoverRouteRewriteLabTest {
    private static final String G = "g0";
    private static final InetAddress V4 = addr("198.18.0.100");
    private static final InetAddress V6 = addr("2001:2::100");

    @Test
    void aFailoverRewritesEachRouteOnce() throws Exception {
        NamespaceLab.assumeRoot();
        try (NamespaceLab lab = new NamespaceLab()) {
            String h = lab.add("h");
            String sw = lab.add("sw");
            ip("-n", sw, "link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
            ip("-n", sw, "link", "set", "br0", "up");
            for (int i = 0; i < 2; i++) {
                ip("-n", h, "link", "add", "h" + i, "type", "veth", "peer", "name", "sw-h" + i, "netns", sw);
                ip("-n", sw, "link", "set", "sw-h" + i, "master", "br0", "up");
                ip("-n", h, "link", "set", "h" + i, "up");
            }
            EngineConfig config = new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(new GroupConfig(G,
                    List.of(MemberConfig.linkOnly("h0", false), MemberConfig.linkOnly("h1", false)),
                    List.of(new DataAddressConfig(V4, 24, "h0"), new DataAddressConfig(V6, 64, "h0")))));
            ExecutorService hThread = lab.thread(h);
            AtomicReference<LinuxDataplane> dp = new AtomicReference<>();
            // both born on a thread of h: the engine's writer thread executes the actions there
            EngineRunner runner = on(hThread, () -> {
                EngineRunner r = new EngineRunner(config, a -> dp.get().execute(a), new SplittableRandom(7));
                dp.set(new LinuxDataplane(r));
                r.start();
                dp.get().start();
                return r;
            });
            try {
                await(() -> holds(runner, V4, "h0") && holds(runner, V6, "h0") && route(h, "-4").contains("nexthop dev h1"), "placed on h0");
                int before = dp.get().subnetRouteRequests();
                long t0 = System.nanoTime();
                ip("-n", sw, "link", "set", "sw-h0", "down");
                await(() -> holds(runner, V4, "h1") && holds(runner, V6, "h1") && !route(h, "-4").contains("h0")
                        && route(h, "-6").contains("dev h1"), "moved to h1 and routed through h1");
                double ms = (System.nanoTime() - t0) / 1e6;
                Thread.sleep(500);   // anything late (a second rewrite, a restore) would come now
                int rewrites = dp.get().subnetRouteRequests() - before;
                System.out.printf("[lab] one failover (2 data addresses, 2 subnet routes): %d subnet route requests,"
                        + " routed through h1 after %.1f ms%n", rewrites, ms);
                assertThat(rewrites).as("subnet route requests during one failover").isEqualTo(2);
                assertThat(route(h, "-4")).contains("src 198.18.0.100");
            } finally {
                runner.close();
                on(hThread, () -> {
                    dp.get().close();
                    return null;
                });
            }
        }
    }

    private static boolean holds(EngineRunner runner, InetAddress address, String member) {
        return runner.snapshot().group(G).orElseThrow().dataAddresses().stream()
                .filter(d -> d.address().equals(address)).map(DataAddressSnapshot::currentMember)
                .anyMatch(m -> m.isPresent() && m.get().equals(member));
    }

    private static String route(String ns, String family) {
        try {
            return ip("-n", ns, family, "route", "show", "proto", "235");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not " + what + " within 5 s");
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
