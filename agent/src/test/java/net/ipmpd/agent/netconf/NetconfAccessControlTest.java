package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfCandidateTest.ADD_ETH2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.ipmpd.engine.Command;
import net.ipmpd.engine.state.EngineSnapshot;
import net.ipmpd.testkit.FakeIpmpService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NACM (RFC 8341): a read-only user reads and subscribes but changes nothing; the engine sees only what a user may send. */
class NetconfAccessControlTest {
    static final String NC = NetconfDatastoreTest.NC;

    @TempDir
    Path dir;
    FakeIpmpService engine;
    NetconfTestServer nc;

    @BeforeEach
    void start() throws Exception {
        engine = new FakeIpmpService(new EngineSnapshot(1, 0, RunnerIpmpService.twoMembers(), List.of(), Optional.empty()));
        nc = new NetconfTestServer(dir, 1000, "", engine);
    }

    @AfterEach
    void stop() {
        nc.close();
    }

    @Test
    void aReadOnlyUserIsDeniedEveryWriteWithAccessDenied() throws Exception {
        List<String> out = nc.client().connect("m", "monitor", NetconfTestServer.MONITOR_PASSWORD)
                .connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("m", "get-config", "source", "running")
                .step("m", "get")
                .step("m", "get-schema", "identifier", "ipmp")
                .step("m", "subscribe")
                .step("m", "edit-config", "target", "running", "config", ADD_ETH2)
                .step("m", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("m", "lock", "target", "running")
                .step("m", "commit")
                .step("m", "discard-changes")
                .step("m", "rpc", "xml", "<copy-config xmlns=\"" + NC + "\"><target><startup/></target><source><running/></source></copy-config>")
                .step("m", "rpc", "xml", "<delete-config xmlns=\"" + NC + "\"><target><startup/></target></delete-config>")
                .step("m", "rpc", "xml", NetconfNotificationTest.offline("eth0"))
                .step("m", "rpc", "xml", NetconfNotificationTest.online("eth0"))
                .step("m", "kill-session", "id", 2)
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.subList(2, 6)).allSatisfy(l -> assertThat(l).contains("\"ok\": true"));
        assertThat(out.subList(6, 16)).allSatisfy(l -> assertThat(l).contains("\"tag\": \"access-denied\"", "read-only"));
        assertThat(out.get(16)).contains("\"ok\": true");
        assertThat(engine.commands).isEmpty();
        assertThat(nc.startupWrites).isEmpty();
    }

    @Test
    void anOperatorMayDetachAndAttachButNotReconfigure() throws Exception {
        List<String> out = nc.client().connect("n", "noc", NetconfTestServer.NOC_PASSWORD)
                .step("n", "rpc", "xml", NetconfNotificationTest.offline("eth0"))
                .step("n", "rpc", "xml", NetconfNotificationTest.online("eth0"))
                .step("n", "edit-config", "target", "running", "config", ADD_ETH2)
                .step("n", "lock", "target", "running")
                .step("n", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        assertThat(out.get(2)).contains("\"ok\": true");
        assertThat(out.get(3)).contains("\"tag\": \"access-denied\"", "NACM grants operator access");
        assertThat(out.get(4)).contains("\"tag\": \"access-denied\"");
        assertThat(out.get(5)).contains("\"ok\": true", "<name>g0</name>");
        assertThat(engine.commands).containsExactly(new Command.Offline("eth0"), new Command.Online("eth0"));
    }

    /** RFC 8341: a refused write names the data node (3.4.5, application), a refused operation names the operation (3.4.4, protocol). */
    @Test
    void accessDeniedCarriesTheErrorPathOfWhatWasRefused() throws Exception {
        List<String> out = nc.client().connect("m", "monitor", NetconfTestServer.MONITOR_PASSWORD)
                .step("m", "edit-config", "target", "running", "config", ADD_ETH2)
                .step("m", "edit-config", "target", "candidate", "config",
                        NetconfDatastoreTest.config("<failure-detection-time>20000</failure-detection-time>"))
                .step("m", "lock", "target", "running")
                .step("m", "commit")
                .step("m", "rpc", "xml", NetconfNotificationTest.offline("eth0"))
                .run(nc.port);
        assertThat(out.get(1)).contains("\"tag\": \"access-denied\"", "\"type\": \"application\"",
                "\"path\": \"/ipmp:ipmp/ipmp:group[ipmp:name='g0']/ipmp:member[ipmp:interface='eth2']\"");
        assertThat(out.get(2)).contains("\"tag\": \"access-denied\"", "\"type\": \"application\"",
                "\"path\": \"/ipmp:ipmp/ipmp:failure-detection-time\"");
        assertThat(out.get(3)).contains("\"tag\": \"access-denied\"", "\"type\": \"protocol\"", "\"path\": \"/nc:rpc/nc:lock\"");
        assertThat(out.get(4)).contains("\"tag\": \"access-denied\"", "\"type\": \"protocol\"", "\"path\": \"/nc:rpc/nc:commit\"");
        assertThat(out.get(5)).contains("\"tag\": \"access-denied\"", "\"type\": \"protocol\"",
                "\"path\": \"/nc:rpc/ipmp:offline\"");
        assertThat(engine.commands).isEmpty();
    }
}
