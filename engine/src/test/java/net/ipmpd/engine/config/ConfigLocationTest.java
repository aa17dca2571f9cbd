package net.ipmpd.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConfigLocationTest {
    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aLocationRendersAsTheInstancePathWithQuotedKeys() throws Exception {
        assertThat(ConfigLocation.member("g0", "eth0").child("standby").path())
                .isEqualTo("/ipmp/group[name='g0']/member[interface='eth0']/standby");
        assertThat(ConfigLocation.staticTarget("g0", ip("198.18.0.254")).path())
                .isEqualTo("/ipmp/group[name='g0']/static-target[.='198.18.0.254']");
        assertThat(ConfigLocation.root().path()).isEqualTo("/");
        assertThat(new ConfigLocation(java.util.List.of(new ConfigLocation.Node("ipmp"), new ConfigLocation.Position("group", 2))).path())
                .isEqualTo("/ipmp/group[2]");
    }

    @Test
    void aQuoteInAKeyIsDoubledSoThePathStaysOneXPathLiteral() {
        assertThat(ConfigLocation.group("it's").path()).isEqualTo("/ipmp/group[name='it''s']");
    }

    @Test
    void theNetconfFormPrefixesEveryNodeAndKeyName() throws Exception {
        assertThat(ConfigLocation.dataAddress("g0", ip("198.18.0.100")).child("home-member").path("ipmp"))
                .isEqualTo("/ipmp:ipmp/ipmp:group[ipmp:name='g0']/ipmp:data-address[ipmp:address='198.18.0.100']/ipmp:home-member");
    }

    @Test
    void anAddressKeyIsCanonicalSoEverySpellingNamesOneEntry() throws Exception {
        assertThat(ConfigLocation.dataAddress("g0", ip("2001:2:0:0:0:0:0:100")))
                .isEqualTo(ConfigLocation.group("g0").entry("data-address", "address", "2001:2::100"));
    }

    @Test
    void theStructuredPartsAreReadableWithoutParsingThePath() throws Exception {
        ConfigLocation l = ConfigLocation.dataAddress("g0", ip("198.18.0.100")).child("home-member");
        assertThat(l.group()).contains("g0");
        assertThat(l.address()).contains("198.18.0.100");
        assertThat(l.member()).isEmpty();
        assertThat(l.leaf()).contains("home-member");
        assertThat(ConfigLocation.member("g0", "eth1").member()).contains("eth1");
        assertThat(ConfigLocation.member("g0", "eth1").leaf()).isEmpty();
        assertThat(l.parent().parent()).isEqualTo(ConfigLocation.group("g0"));
    }
}
