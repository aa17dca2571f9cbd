package net.ipmpd.agent.netconf;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.config.ConfigCodec;
import net.ipmpd.yang.config.ConfigXml;
import org.opendaylight.netconf.api.xml.XmlUtil;

/**
 * Not a test: starts ipmpd's NETCONF server on 127.0.0.1 for the side-by-side benchmark against
 * ODL's netconf-testtool (see nc_bench.py), and writes the same model and data for the testtool:
 * WORKDIR/schemas/*.yang and WORKDIR/initial-config.xml.
 *
 * <p>Arguments: WORKDIR PORT GROUPS SECONDS. Prints "READY" when listening; stops after SECONDS
 * or when standard input closes.
 */
public final class NetconfBenchmarkMain {
    private NetconfBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int groups = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        EngineConfig config = config(groups);
        Files.createDirectories(work.resolve("schemas"));
        for (IpmpSchema.ModuleSource m : IpmpSchema.shared().modules()) {
            Files.writeString(work.resolve("schemas").resolve(m.fileName()), m.text());
        }
        var doc = XmlUtil.newDocument();
        var data = doc.createElementNS("urn:ietf:params:xml:ns:netconf:base:1.0", "data");
        doc.appendChild(data);
        ConfigXml.appendTo(data, ConfigCodec.toNormalizedNode(config));
        Files.writeString(work.resolve("initial-config.xml"), XmlUtil.toString(doc));

        var settings = new NetconfSettings(InetAddress.getLoopbackAddress(), port, work.resolve("ssh_host_key"),
                List.of(new NetconfSettings.User("admin", Optional.of(PasswordHash.create("admin".toCharArray(), 1000)),
                        List.of(), List.of("admin"))),
                Map.of("admin", NetconfSettings.Access.READ_WRITE));
        net.ipmpd.yang.config.ConfigFile.write(work.resolve("ipmpd.json"), config);
        try (var ipmp = new RunnerIpmpService(config);
             var server = new NetconfServer(settings, ipmp, StartupFile.at(work.resolve("ipmpd.json")))) {
            long t0 = System.nanoTime();
            server.start();
            System.out.println("READY start " + (System.nanoTime() - t0) / 1_000_000 + " ms (schema parsed before), JVM up "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
            System.out.flush();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end && System.in.read() >= 0) {
                // stdin kept open by the driver; EOF ends the run
            }
        }
    }

    /** g0 holds eth0/eth1 and 198.18.0.100 (the edit benchmark moves it); the others pad the model. */
    static EngineConfig config(int groups) throws Exception {
        List<GroupConfig> all = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            String a = "eth" + (2 * i);
            String b = "eth" + (2 * i + 1);
            String address = i == 0 ? "198.18.0.100" : "198.19." + (i / 200) + "." + (i % 200 + 1);
            all.add(new GroupConfig("g" + i, OptionalLong.empty(),
                    List.of(MemberConfig.linkOnly(a, false), MemberConfig.linkOnly(b, false)),
                    List.of(new DataAddressConfig(InetAddress.getByName(address), 24, a)), List.of()));
        }
        return new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, all);
    }
}
