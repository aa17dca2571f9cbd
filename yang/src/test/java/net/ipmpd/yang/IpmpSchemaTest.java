package net.ipmpd.yang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.BitsTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EnumTypeDefinition;

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

    /**
     * RFC 7950 section 11: a new revision may add enums and bits but must not change the values of
     * those already published; an enum inserted before another renumbers it (values are implicit).
     * These are revision 2026-11-25's, in its order.
     */
    @Test
    void aNewRevisionKeepsTheValuesOfTheEnumsAndBitsPublishedBefore() {
        List<String> causes = List.of("link-down", "probes-lost", "target-lost", "group-failure", "admin-offline",
                "admin-online", "flapping", "repaired", "failback", "not-present", "removed", "config-change", "none");
        Map<String, Integer> values = new LinkedHashMap<>();
        ((EnumTypeDefinition) typedef("cause")).getValues().forEach(e -> values.put(e.getName(), e.getValue()));
        for (int i = 0; i < causes.size(); i++) {
            assertThat(values.get(causes.get(i))).as("value of cause %s", causes.get(i)).isEqualTo(i);
        }
        List<String> flags = List.of("inactive", "standby", "failed", "offline", "flapping", "ipv4-multicast-nominee",
                "ipv4-broadcast-nominee", "ipv6-multicast-nominee");
        Map<String, Long> positions = new LinkedHashMap<>();
        ((BitsTypeDefinition) typedef("member-flags")).getBits()
                .forEach(b -> positions.put(b.getName(), b.getPosition().toJava()));
        for (int i = 0; i < flags.size(); i++) {
            assertThat(positions.get(flags.get(i))).as("position of flag %s", flags.get(i)).isEqualTo(i);
        }
    }

    private TypeDefinition<?> typedef(String name) {
        return schema.context().findModule(IpmpQNames.MODULE).orElseThrow().getTypeDefinitions().stream()
                .filter(t -> t.getQName().getLocalName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sharedParsesOnce() {
        assertThat(IpmpSchema.shared()).isSameAs(IpmpSchema.shared());
    }
}
