package net.ipmpd.agent.snmp;

import net.ipmpd.testkit.FakeIpmpService;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 2: the RFC 3414 reports and RFC 3415 errors as Debian's snmpd 5.9.3 gives them, read through
 * Net-SNMP's snmpget (the expected texts are what snmpget printed against snmpd with the same users).
 */
class SnmpUsmReportsTest {
    static final String SYS_NAME = "SNMPv2-MIB::sysName.0";
    static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new AgentFixture(new FakeIpmpService(Snapshots.ipmp0()));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static List<String> v3(String user, String level, String authKey, String... more) {
        List<String> c = f.base("snmpget");
        c.addAll(List.of("-v3", "-l", level, "-u", user));
        if (!level.equals("noAuthNoPriv")) {
            c.addAll(List.of("-a", "SHA-256", "-A", authKey));
        }
        if (level.equals("authPriv")) {
            c.addAll(List.of("-x", "AES", "-X", AgentFixture.PRIV_PASS));
        }
        c.addAll(List.of(more));
        c.add(f.target());
        return c;
    }

    private static long usmStat(int which) throws Exception {
        var r = f.run(f.v2c("snmpget", AgentFixture.COMMUNITY), "-On", "1.3.6.1.6.3.15.1.1." + which + ".0");
        assertThat(r.out()).as(r.err()).contains("Counter32: ");
        return Long.parseLong(r.out().substring(r.out().indexOf("Counter32: ") + 11).trim());
    }

    @Test
    void anUnknownUserGetsTheUsmStatsUnknownUserNamesReport() throws Exception {
        long before = usmStat(3);
        var r = f.run(v3("nobody", "authPriv", AgentFixture.AUTH_PASS), SYS_NAME);
        assertThat(r.err()).contains("Unknown user name");
        assertThat(usmStat(3)).isGreaterThan(before);
    }

    @Test
    void aWrongAuthenticationKeyGetsAReadableUsmStatsWrongDigestsReport() throws Exception {
        long before = usmStat(5);
        var r = f.run(v3(AgentFixture.READER, "authPriv", "not-the-auth-key"), SYS_NAME);
        assertThat(r.err()).contains("Authentication failure (incorrect password, community or key)");
        assertThat(usmStat(5)).isGreaterThan(before);
    }

    @Test
    void aLevelBelowTheUsersAccessIsAnAuthorizationError() throws Exception {
        var noAuth = f.run(v3(AgentFixture.READER, "noAuthNoPriv", null), SYS_NAME);
        assertThat(noAuth.all()).contains("authorizationError (access denied to that object)");
        var noPriv = f.run(v3(AgentFixture.READER, "authNoPriv", AgentFixture.AUTH_PASS), SYS_NAME);
        assertThat(noPriv.all()).contains("authorizationError (access denied to that object)");
    }

    @Test
    void aWrongEngineIdGetsTheUsmStatsUnknownEngineIdsReport() throws Exception {
        long before = usmStat(4);
        var r = f.run(v3(AgentFixture.READER, "authPriv", AgentFixture.AUTH_PASS, "-e", "0x80001f8880aabbccdd"),
                SYS_NAME);
        assertThat(r.out()).doesNotContain("lab-host");
        assertThat(usmStat(4)).isGreaterThan(before);
    }

    @Test
    void aRequestOutsideTheTimeWindowIsReportedAndTheManagerResynchronizes() throws Exception {
        var r = f.run(v3(AgentFixture.READER, "authPriv", AgentFixture.AUTH_PASS, "-Z", "1,1"), SYS_NAME);
        assertThat(r.out()).as(r.err()).contains("lab-host");
    }

    @Test
    void anSnmpV1RequestWithTheV2cCommunityIsDropped() throws Exception {
        List<String> c = f.base("snmpget");
        c.addAll(List.of("-v1", "-c", AgentFixture.COMMUNITY, f.target()));
        var r = f.run(c, SYS_NAME);
        assertThat(r.out()).doesNotContain("lab-host");
        assertThat(r.err()).contains("Timeout");
    }
}
