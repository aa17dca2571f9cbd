package net.ipmpd.agent.netconf;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh NETCONF server (real engine runner, simulated network) for each test, in its own directory. */
abstract class NetconfServerTest {
    @TempDir
    Path dir;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        nc = new NetconfTestServer(dir);
    }

    @AfterEach
    void stop() {
        nc.close();
    }
}
