package net.ipmpd.agent.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import org.opendaylight.netconf.api.xml.XmlElement;
import org.junit.jupiter.api.Test;

/** A get builds only what its subtree filter can select, and everything it may select. */
class FilterScopeTest {
    private static final String BASE = "urn:ietf:params:xml:ns:netconf:base:1.0";
    private static final String IPMP = "urn:ipmpd:yang:ipmp";

    private static FilterScope scope(String getBody) throws Exception {
        return FilterScope.of(XmlElement.fromString("<get xmlns=\"" + BASE + "\">" + getBody + "</get>"));
    }

    @Test
    void aFilterOfTheIpmpSubtreeLeavesOutTheServersOwnState() throws Exception {
        FilterScope s = scope("<filter type=\"subtree\"><ipmp xmlns=\"" + IPMP + "\"><group/></ipmp></filter>");
        assertThat(s.wants(IPMP, "ipmp")).isTrue();
        assertThat(s.wants(ServedModules.MONITORING_NS, "netconf-state")).isFalse();
        assertThat(s.wants(ServedModules.YANG_LIBRARY_NS, "modules-state")).isFalse();
        // same name, other namespace
        assertThat(s.wants("urn:example", "ipmp")).isFalse();
    }

    @Test
    void withoutAFilterOrWithAnotherKindOfFilterEverythingIsBuilt() throws Exception {
        assertThat(scope("").wants(ServedModules.MONITORING_NS, "netconf-state")).isTrue();
        assertThat(scope("<filter type=\"xpath\" select=\"/netconf-state\"/>").wants(IPMP, "ipmp")).isTrue();
    }

    @Test
    void anUnqualifiedFilterElementMatchesItsNameInAnyNamespace() throws Exception {
        // RFC 6241 6.2.1: no namespace given selects the name in every namespace
        FilterScope s = scope("<filter type=\"subtree\"><netconf-state xmlns=\"\"/><ipmp/></filter>");
        assertThat(s.wants(ServedModules.MONITORING_NS, "netconf-state")).isTrue();
        assertThat(s.wants(IPMP, "ipmp")).isTrue();
        assertThat(s.wants(ServedModules.YANG_LIBRARY_NS, "yang-library")).isFalse();
    }

    @Test
    void anEmptySubtreeFilterSelectsNothing() throws Exception {
        assertThat(scope("<filter type=\"subtree\"/>").wants(IPMP, "ipmp")).isFalse();
    }
}
