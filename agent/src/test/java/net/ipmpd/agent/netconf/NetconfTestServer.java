package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.ipmpd.agent.config.ConfigStore;
import net.ipmpd.agent.history.HistoryReader;
import net.ipmpd.engine.IpmpService;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.config.ConfigFile;

/**
 * A NETCONF server on 127.0.0.1 and a free port, with the real engine on a simulated network
 * behind it, and four users from a settings file: admin (read-write, password), monitor
 * (read-only, password), robot (read-write, ed25519 key) and noc (operator: offline/online).
 */
final class NetconfTestServer implements AutoCloseable {
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String MONITOR_PASSWORD = "read only please";
    static final String NOC_PASSWORD = "detach eth0 tonight";

    final Path dir;
    final Path startupFile;
    final Path robotKey;
    /** The event history replay reads (tests write its JSON Lines files themselves). */
    final Path historyDir;
    /** The real engine runner behind the server; null when a test gave its own service. */
    final RunnerIpmpService ipmp;
    /** The engine service the server uses. */
    final IpmpService service;
    final NetconfServer server;
    final int port;
    final NetconfSettings settings;
    final List<EngineConfig> startupWrites = new CopyOnWriteArrayList<>();

    NetconfTestServer(Path dir) throws Exception {
        this(dir, 1000, "");
    }

    /**
     * @param hashIterations the users' PBKDF2 cost (production: {@link PasswordHash#DEFAULT_ITERATIONS})
     * @param extraSettings more settings-file members, each followed by a comma
     */
    NetconfTestServer(Path dir, int hashIterations, String extraSettings) throws Exception {
        this(dir, hashIterations, extraSettings, new RunnerIpmpService(RunnerIpmpService.twoMembers()));
    }

    /** A server in front of {@code service} (a RunnerIpmpService, or testkit's fake). */
    NetconfTestServer(Path dir, int hashIterations, String extraSettings, IpmpService service) throws Exception {
        this.dir = dir;
        this.startupFile = dir.resolve("ipmpd.json");
        this.robotKey = dir.resolve("robot_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "robot@test", "-f", robotKey.toString())
                .redirectErrorStream(true).start();
        if (!keygen.waitFor(20, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
        String robotPublic = Files.readString(dir.resolve("robot_ed25519.pub")).strip();
        this.port = freePort();
        String settingsJson = """
                {
                  %s
                  "listen-address": "127.0.0.1",
                  "port": %d,
                  "host-key": %s,
                  "groups": { "admin": "read-write", "monitor": "read-only", "noc": "operator" },
                  "users": [
                    { "name": "admin", "password-hash": %s, "groups": ["admin"] },
                    { "name": "monitor", "password-hash": %s, "groups": ["monitor"] },
                    { "name": "robot", "authorized-keys": [%s], "groups": ["admin"] },
                    { "name": "noc", "password-hash": %s, "groups": ["noc", "monitor"] }
                  ]
                }
                """.formatted(extraSettings, port, NcClient.json(dir.resolve("keys/ssh_host_key").toString()),
                NcClient.json(PasswordHash.create(ADMIN_PASSWORD.toCharArray(), hashIterations)),
                NcClient.json(PasswordHash.create(MONITOR_PASSWORD.toCharArray(), hashIterations)),
                NcClient.json(robotPublic),
                NcClient.json(PasswordHash.create(NOC_PASSWORD.toCharArray(), hashIterations)));
        Path settingsFile = dir.resolve("netconf.json");
        Files.writeString(settingsFile, settingsJson);
        this.settings = NetconfSettingsFile.load(settingsFile);
        this.service = service;
        this.ipmp = service instanceof RunnerIpmpService r ? r : null;
        ConfigFile.write(startupFile, service.snapshot().config());
        this.historyDir = dir.resolve("history");
        // the store saves changes of running; copy-config to startup writes the file itself
        if (ipmp != null) {
            ipmp.saveWith(config -> {
                ConfigFile.write(startupFile, config);
                startupWrites.add(config);
            });
        }
        StartupFile file = StartupFile.at(startupFile);
        this.server = new NetconfServer(settings, service, new StartupFile() {
            @Override
            public EngineConfig read() throws IOException {
                return file.read();
            }

            @Override
            public void write(EngineConfig config) throws IOException {
                file.write(config);
                startupWrites.add(config);
            }
        }).replayFrom(new HistoryReader(historyDir));
        if (service instanceof ConfigStore store) {
            server.savesThrough(store);   // as the daemon wires it
        }
        server.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    NcClient client() {
        return new NcClient();
    }

    @Override
    public void close() {
        server.close();
        if (ipmp != null) {
            ipmp.close();
        }
    }
}
