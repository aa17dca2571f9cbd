package net.ipmpd.agent.netconf;

import static net.ipmpd.agent.netconf.NetconfDatastoreTest.NC;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.NS;
import static net.ipmpd.agent.netconf.NetconfDatastoreTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ipmpd.engine.config.GroupConfig;
import org.junit.jupiter.api.Test;

/** Candidate, commit, discard-changes, validate, copy-config, delete-config, locks between sessions and kill-session. */
class NetconfCandidateTest extends NetconfServerTest {
    static final String ADD_ETH2 = config("<group><name>g0</name><member><interface>eth2</interface></member></group>");

    NcClient twoAdmins() {
        return nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .connect("b", "admin", NetconfTestServer.ADMIN_PASSWORD);
    }

    List<String> members() {
        return nc.ipmp.snapshot().config().groups().get(0).members().stream().map(m -> m.interfaceName()).toList();
    }

    @Test
    void candidateChangesReachTheEngineOnlyOnCommit() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("a", "get-config", "source", "candidate")
                .step("a", "get-config", "source", "running")
                .step("a", "validate", "source", "candidate")
                .step("a", "commit")
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        assertThat(out.get(2)).contains("<interface>eth2</interface>");
        assertThat(out.get(3)).doesNotContain("<interface>eth2</interface>");
        assertThat(out.get(4)).contains("\"ok\": true");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(out.get(6)).contains("<interface>eth2</interface>");
        assertThat(nc.ipmp.configsReceived()).hasSize(1);
        assertThat(members()).containsExactly("eth0", "eth1", "eth2");
        assertThat(nc.startupWrites).hasSize(1);
    }

    @Test
    void discardChangesThrowsTheCandidateAway() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("a", "discard-changes")
                .step("a", "get-config", "source", "candidate")
                .step("a", "commit")
                .run(nc.port);
        assertThat(out.get(2)).contains("\"ok\": true");
        assertThat(out.get(3)).doesNotContain("eth2");
        assertThat(members()).containsExactly("eth0", "eth1");
    }

    @Test
    void aCommitTheEngineRefusesChangesNothing() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config",
                        config("<group><name>g1</name><member><interface>eth1</interface></member></group>"))
                .step("a", "validate", "source", "candidate")
                .step("a", "commit")
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(2)).contains("\"tag\": \"invalid-value\"", "already a member of group g0");
        assertThat(out.get(3)).contains("\"tag\": \"invalid-value\"", "ipmp:group[ipmp:name='g1']");
        assertThat(out.get(4)).doesNotContain("g1");
        assertThat(nc.ipmp.configsReceived()).isEmpty();
    }

    @Test
    void aLockKeepsOtherSessionsOutAndNamesItsHolder() throws Exception {
        List<String> out = twoAdmins()
                .step("a", "lock", "target", "running")
                .step("b", "lock", "target", "running")
                .step("b", "edit-config", "target", "running", "config", ADD_ETH2)
                .step("a", "edit-config", "target", "running", "config", ADD_ETH2)
                .step("b", "unlock", "target", "running")
                .step("a", "unlock", "target", "running")
                .step("b", "lock", "target", "running")
                .run(nc.port);
        String holder = sessionId(out.get(0));
        assertThat(out.get(2)).contains("\"ok\": true");
        assertThat(out.get(3)).contains("\"tag\": \"lock-denied\"", "<session-id>" + holder + "</session-id>");
        assertThat(out.get(4)).contains("\"tag\": \"in-use\"");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(out.get(6)).contains("\"tag\": \"operation-failed\"");
        assertThat(out.get(7)).contains("\"ok\": true");
        assertThat(out.get(8)).contains("\"ok\": true");
        assertThat(nc.ipmp.configsReceived()).hasSize(1);
    }

    @Test
    void aModifiedCandidateCannotBeLockedAndALockEndsWithItsSession() throws Exception {
        List<String> out = twoAdmins()
                .step("a", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("b", "lock", "target", "candidate")
                .step("a", "discard-changes")
                .step("a", "lock", "target", "candidate")
                .step("a", "close")
                .step("b", "lock", "target", "candidate")
                .run(nc.port);
        assertThat(out.get(3)).contains("\"tag\": \"lock-denied\"", "uncommitted");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(out.get(7)).contains("\"ok\": true");
    }

    @Test
    void killSessionEndsAnotherSessionAndFreesItsLock() throws Exception {
        List<String> first = twoAdmins().step("a", "hello").run(nc.port);
        assertThat(first).hasSize(3);
        // sessions of this run are numbered after the two above
        List<String> out = twoAdmins()
                .step("a", "lock", "target", "running")
                .step("b", "kill-session", "id", 3)
                .step("b", "kill-session", "id", 4)
                .step("b", "kill-session", "id", 999)
                .step("b", "lock", "target", "running")
                .step("a", "get-config", "source", "running", "may_fail", true)
                // a session that has not sent anything yet can be killed too
                .connect("c", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("b", "kill-session", "id", 5)
                .step("c", "get-config", "source", "running", "may_fail", true)
                .run(nc.port);
        assertThat(sessionId(out.get(0))).isEqualTo("3");
        assertThat(sessionId(out.get(1))).isEqualTo("4");
        assertThat(out.get(3)).contains("\"ok\": true");
        assertThat(out.get(4)).contains("\"tag\": \"invalid-value\"", "cannot kill itself");
        assertThat(out.get(5)).contains("\"tag\": \"invalid-value\"", "no session 999");
        assertThat(out.get(6)).contains("\"ok\": true");
        assertThat(out.get(7)).doesNotContain("\"ok\": true");
        assertThat(sessionId(out.get(8))).isEqualTo("5");
        assertThat(out.get(9)).contains("\"ok\": true");
        assertThat(out.get(10)).doesNotContain("\"ok\": true");
    }

    @Test
    void copyConfigAndDeleteConfigMoveWholeDatastores() throws Exception {
        String inline = "<copy-config xmlns=\"" + NC + "\"><target><candidate/></target><source>"
                + config("<group><name>g5</name><member><interface>eth5</interface></member>"
                + "<member><interface>eth6</interface></member></group>") + "</source></copy-config>";
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "rpc", "xml", inline)
                .step("a", "get-config", "source", "candidate")
                .step("a", "rpc", "xml", "<copy-config xmlns=\"" + NC + "\"><target><running/></target><source><candidate/></source></copy-config>")
                .step("a", "rpc", "xml", "<copy-config xmlns=\"" + NC + "\"><target><startup/></target><source><running/></source></copy-config>")
                .step("a", "get-config", "source", "startup")
                .step("a", "rpc", "xml", "<delete-config xmlns=\"" + NC + "\"><target><running/></target></delete-config>")
                .step("a", "rpc", "xml", "<copy-config xmlns=\"" + NC + "\"><target><running/></target><source><running/></source></copy-config>")
                .step("a", "rpc", "xml", "<delete-config xmlns=\"" + NC + "\"><target><candidate/></target></delete-config>")
                .step("a", "get-config", "source", "candidate")
                .run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true");
        assertThat(out.get(2)).contains("<name>g5</name>").doesNotContain("<name>g0</name>");
        assertThat(out.get(3)).contains("\"ok\": true");
        assertThat(nc.ipmp.snapshot().config().groups()).extracting(GroupConfig::name).containsExactly("g5");
        assertThat(out.get(5)).contains("<name>g5</name>");
        assertThat(out.get(6)).contains("\"tag\": \"operation-not-supported\"");
        assertThat(out.get(7)).contains("\"tag\": \"invalid-value\"");
        assertThat(out.get(8)).contains("\"ok\": true");
        assertThat(out.get(9)).doesNotContain("g5");
    }

    static String commit(String body) {
        return "<commit xmlns=\"" + NC + "\">" + body + "</commit>";
    }

    @Test
    void aConfirmedCommitRollsBackUnlessConfirmed() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("a", "rpc", "xml", commit("<confirmed/><confirm-timeout>1</confirm-timeout>"))
                .step("a", "get-config", "source", "running")
                .step("a", "sleep", "seconds", 2.5)
                .step("a", "get-config", "source", "running")
                .run(nc.port);
        assertThat(out.get(2)).contains("\"ok\": true");
        assertThat(out.get(3)).contains("<interface>eth2</interface>");
        assertThat(out.get(5)).doesNotContain("<interface>eth2</interface>");
        assertThat(members()).containsExactly("eth0", "eth1");
        // the engine ran the change and then the previous configuration again; the file never saw eth2
        assertThat(nc.ipmp.configsReceived()).hasSize(2);
        assertThat(nc.startupWrites).allSatisfy(c -> assertThat(c.groups().get(0).members()).hasSize(2));
    }

    @Test
    void aConfirmingCommitKeepsTheChangeAndCancelCommitUndoesIt() throws Exception {
        List<String> out = twoAdmins()
                .step("a", "edit-config", "target", "candidate", "config", ADD_ETH2)
                .step("a", "rpc", "xml", commit("<confirmed/><confirm-timeout>60</confirm-timeout><persist>tok1</persist>"))
                .step("b", "commit")
                .step("b", "rpc", "xml", commit("<persist-id>tok1</persist-id>"))
                .run(nc.port);
        assertThat(out.get(3)).contains("\"ok\": true");
        assertThat(out.get(4)).contains("\"tag\": \"invalid-value\"", "persist-id");
        assertThat(out.get(5)).contains("\"ok\": true");
        assertThat(members()).containsExactly("eth0", "eth1", "eth2");
        assertThat(nc.startupWrites).last().satisfies(c -> assertThat(c.groups().get(0).members()).hasSize(3));

        List<String> cancel = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "edit-config", "target", "candidate", "config",
                        NetconfDatastoreTest.config("<group><name>g0</name><member><interface>eth3</interface></member></group>"))
                .step("a", "rpc", "xml", commit("<confirmed/>"))
                .step("a", "rpc", "xml", "<cancel-commit xmlns=\"" + NC + "\"/>")
                .step("a", "rpc", "xml", "<cancel-commit xmlns=\"" + NC + "\"/>")
                .run(nc.port);
        assertThat(cancel.get(2)).contains("\"ok\": true");
        assertThat(cancel.get(3)).contains("\"ok\": true");
        assertThat(cancel.get(4)).contains("\"tag\": \"operation-failed\"", "no confirmed commit");
        assertThat(members()).containsExactly("eth0", "eth1", "eth2");
    }

    static String sessionId(String connectLine) {
        int i = connectLine.indexOf("\"session_id\": \"");
        return connectLine.substring(i + 15, connectLine.indexOf('"', i + 15));
    }

    static String ns() {
        return NS;
    }
}
