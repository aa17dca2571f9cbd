package net.ipmpd.yang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;

class IpmpSchemaTest {
    private final IpmpSchema schema = IpmpSchema.shared();

    @Test
    void theContextHoldsTheIpmpModuleAndItsImports() {
        assertThat(schema.modules()).extracting(IpmpSchema.ModuleSource::name)
                .containsExactly("ietf-inet-types", "ietf-yang-types", "ipmp");
        assertThat(schema.context().findModule(IpmpQNames.MODULE)).isPresent();
    }

    @Test
    void moduleTextsAreKeptForGetSchema() {
        IpmpSchema.ModuleSource ipmp = schema.ipmpModule();
        assertThat(ipmp.revision().toString()).isEqualTo("2026-12-06");
        assertThat(ipmp.namespace()).isEqualTo(IpmpQNames.NAMESPACE);
        assertThat(ipmp.text()).startsWith("module ipmp {").contains("list group");
        assertThat(ipmp.fileName()).isEqualTo("ipmp@2026-12-06.yang");
        assertThat(schema.module("ietf-inet-types", Optional.of("2013-07-15")).orElseThrow().namespace())
                .isEqualTo("urn:ietf:params:xml:ns:yang:ietf-inet-types");
        assertThat(schema.module("ietf-inet-types", Optional.of("2000-01-01"))).isEmpty();
        assertThat(schema.module("no-such-module", Optional.empty())).isEmpty();
    }

    @Test
    void theQNameConstantsNameRealSchemaNodes() {
        var ipmp = (ContainerSchemaNode) schema.context().dataChildByName(IpmpQNames.IPMP);
        var group = (ListSchemaNode) ipmp.dataChildByName(IpmpQNames.GROUP);
        assertThat(group.getKeyDefinition()).containsExactly(IpmpQNames.NAME);
        var member = (ListSchemaNode) group.dataChildByName(IpmpQNames.MEMBER);
        assertThat(member.getKeyDefinition()).containsExactly(IpmpQNames.INTERFACE);
        assertThat(member.isUserOrdered()).as("member order breaks ties").isTrue();
        assertThat(member.dataChildByName(IpmpQNames.IPV6_TEST_ADDRESS)).isNotNull();
        assertThat(schema.context().getNotifications()).extracting(n -> n.getQName().getLocalName())
                .containsExactlyInAnyOrder("interface-failed", "interface-repaired", "interface-offline",
                        "interface-online", "group-failed", "group-repaired", "address-moved", "flapping");
        assertThat(schema.context().getOperations()).extracting(o -> o.getQName())
                .containsExactlyInAnyOrder(IpmpQNames.OFFLINE, IpmpQNames.ONLINE);
    }

    @Test
    void sharedParsesOnce() {
        assertThat(IpmpSchema.shared()).isSameAs(IpmpSchema.shared());
    }
}
