package net.ipmpd.yang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YangModuleLintTest {

    @Test
    void yanglintAcceptsTheModuleWithoutAnyWarning() throws Exception {
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(), Yanglint.MODULE.toString());
        assertThat(r.stderr()).as("yanglint stderr").isEmpty();
        assertThat(r.stdout()).as("yanglint stdout").isEmpty();
        assertThat(r.exit()).as("yanglint exit status").isZero();
    }

    @Test
    void yanglintAcceptsTheVendoredIetfModules() throws Exception {
        Yanglint.Result r = Yanglint.run("-p", Yanglint.YANG_DIR.toString(),
                Yanglint.YANG_DIR.resolve("ietf-inet-types@2013-07-15.yang").toString(),
                Yanglint.YANG_DIR.resolve("ietf-yang-types@2013-07-15.yang").toString());
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void yanglintWouldReportABrokenModule() throws Exception {
        // Guards the test above: a module with an error must make yanglint fail and speak.
        var dir = java.nio.file.Files.createTempDirectory("yang");
        var broken = dir.resolve("broken@2026-01-01.yang");
        java.nio.file.Files.writeString(broken, "module broken { yang-version 1.1; namespace \"urn:x\"; prefix b;"
                + " revision 2026-01-01; leaf x { type no-such-type; } }");
        Yanglint.Result r = Yanglint.run("-p", dir.toString(), broken.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("no-such-type");
    }
}
