package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSH, authentication, hello, framing and get-schema against ncclient. */
class NetconfTransportTest extends NetconfServerTest {
    @Test
    void helloAnnouncesTheProtocolCapabilitiesAndEveryServedModule() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD).step("a", "hello").run(nc.port);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).contains("urn:ietf:params:netconf:base:1.1", "urn:ietf:params:netconf:base:1.0",
                "urn:ietf:params:netconf:capability:candidate:1.0", "urn:ietf:params:netconf:capability:confirmed-commit:1.1", "urn:ietf:params:netconf:capability:startup:1.0",
                "urn:ietf:params:netconf:capability:validate:1.1", "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
                "urn:ietf:params:netconf:capability:notification:1.0", "urn:ietf:params:netconf:capability:interleave:1.0",
                "urn:ietf:params:netconf:capability:writable-running:1.0",
                "urn:ipmpd:yang:ipmp?module=ipmp&revision=2026-12-06",
                "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring?module=ietf-netconf-monitoring&revision=2010-10-04",
                "urn:ietf:params:netconf:capability:yang-library:1.1?revision=2019-01-04&content-id=")
                .doesNotContain("xpath", "exi");
    }

    @Test
    void theTransportRunsOnNativeEpollNotTheSlowNioFallback() {
        // without epoll ODL picks NIO, whose static set-up waits 2 s for a throwaway event loop (research P1)
        assertThat(io.netty.channel.epoll.Epoll.isAvailable()).isTrue();
        assertThat(org.opendaylight.netconf.transport.tcp.NettyTransportSupport.newServerBootstrap().config().channelFactory()
                .toString()).contains("Epoll");
    }

    @Test
    void repliesAreNotIndented() throws Exception {
        // ODL indents by default: twice the bytes of a get-config and twice its serializing CPU
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get-config", "source", "running").step("a", "get", "filter", "<ipmp xmlns=\"urn:ipmpd:yang:ipmp\"/>")
                .run(nc.port);
        assertThat(out.get(1)).contains("<name>g0</name>", "</member><member>").doesNotContain("\\n");
        assertThat(out.get(2)).contains("<name>g0</name>", "</member><member>").doesNotContain("\\n");
    }

    @Test
    void aWrongPasswordIsRefusedAndAnUnknownUserToo() throws Exception {
        List<String> out = nc.client()
                .step("a", "connect", "user", "admin", "password", "wrong", "may_fail", true)
                .step("b", "connect", "user", "nobody", "password", NetconfTestServer.ADMIN_PASSWORD, "may_fail", true)
                .run(nc.port);
        assertThat(out).hasSize(2).allSatisfy(l -> assertThat(l).contains("AuthenticationError"));
    }

    @Test
    void aUserLogsInWithItsAuthorizedKey() throws Exception {
        List<String> out = nc.client().step("a", "connect", "user", "robot", "key", nc.robotKey.toString())
                .step("a", "get-config", "source", "running").run(nc.port);
        assertThat(out.get(1)).contains("\"ok\": true", "<name>g0</name>");
    }

    @Test
    void theHostKeyIsGeneratedOnceWithMode0600AndKeptAcrossRestarts() throws Exception {
        Path key = dir.resolve("keys/ssh_host_key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        byte[] first = Files.readAllBytes(key);
        nc.close();
        try (NetconfServer again = new NetconfServer(nc.settings, nc.ipmp, StartupFile.at(nc.startupFile))) {
            again.start();
            assertThat(Files.readAllBytes(key)).isEqualTo(first);
            List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD).step("a", "hello").run(nc.port);
            assertThat(out).hasSize(2);
        }
    }

    @Test
    void getSchemaReturnsTheModuleTextAndRefusesAnUnknownModule() throws Exception {
        List<String> out = nc.client().connect("a", "admin", NetconfTestServer.ADMIN_PASSWORD)
                .step("a", "get-schema", "identifier", "ipmp")
                .step("a", "get-schema", "identifier", "ipmp", "version", "2026-12-06")
                .step("a", "get-schema", "identifier", "ietf-inet-types")
                .step("a", "get-schema", "identifier", "no-such-module")
                .run(nc.port);
        assertThat(out.get(1)).contains("module ipmp", "namespace \\\"urn:ipmpd:yang:ipmp\\\"");
        assertThat(out.get(2)).contains("module ipmp");
        assertThat(out.get(3)).contains("module ietf-inet-types");
        assertThat(out.get(4)).contains("\"tag\": \"invalid-value\"", "no module no-such-module");
    }
}
