package net.ipmpd.yang.config;

import static org.assertj.core.api.Assertions.assertThat;

import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.stmt.DefaultEffectiveStatement;
import org.opendaylight.yangtools.yang.model.api.stmt.LeafEffectiveStatement;

class YangConstraintsTest {

    @Test
    void theDefaultDampingPassesTheChecks() {
        DampingConfig d = DampingConfig.DEFAULT;
        assertThat(YangConstraints.checkDamping(new YangConstraints.Damping(d.penaltyPerFailure(), d.suppressThreshold(),
                d.reuseThreshold(), d.halfLifeMs(), d.maxPenalty()))).isEmpty();
    }

    @Test
    void reuseThresholdMustBeBelowSuppressThreshold() {
        assertThat(YangConstraints.checkDamping(new YangConstraints.Damping(1000, 2500, 2500, 60_000, 6000)))
                .extracting(Object::toString).containsExactly(
                        "/ipmp/flap-damping/reuse-threshold: reuse-threshold 2500 must be below suppress-threshold 2500");
    }

    @Test
    void maxPenaltyMustReachTheSuppressThreshold() {
        assertThat(YangConstraints.checkDamping(new YangConstraints.Damping(1000, 2500, 800, 60_000, 2000)))
                .extracting(Object::toString).containsExactly(
                        "/ipmp/flap-damping/max-penalty: max-penalty 2000 must be at least suppress-threshold 2500");
    }

    @Test
    void penaltiesMustFitTheEnginesInt() {
        assertThat(YangConstraints.checkDamping(new YangConstraints.Damping(1000, 2500, 800, 60_000, 4_000_000_000L)))
                .extracting(Object::toString).containsExactly("/ipmp/flap-damping: damping values must not exceed 2147483647");
    }

    @Test
    void anIpv4PrefixLengthStopsAt32AndIpv6At128() {
        var v4 = EngineConfigFixtures.ip("198.18.0.1");
        var v6 = EngineConfigFixtures.ip("2001:2::1");
        assertThat(YangConstraints.checkPrefixLength(net.ipmpd.engine.config.ConfigLocation.ipmp().child("p"), v4, 32)).isEmpty();
        assertThat(YangConstraints.checkPrefixLength(net.ipmpd.engine.config.ConfigLocation.ipmp().child("p"), v4, 33)).extracting(Object::toString)
                .containsExactly("/ipmp/p/prefix-length: prefix length 33 is too long for 198.18.0.1 (at most 32)");
        assertThat(YangConstraints.checkPrefixLength(net.ipmpd.engine.config.ConfigLocation.ipmp().child("p"), v6, 128)).isEmpty();
    }

    private static String schemaDefault(QName... path) {
        var node = IpmpSchema.shared().context().dataChildByName(path[0]);
        for (int i = 1; i < path.length; i++) {
            node = ((org.opendaylight.yangtools.yang.model.api.DataNodeContainer) node).dataChildByName(path[i]);
        }
        return ((LeafEffectiveStatement) ((LeafSchemaNode) node).asEffectiveStatement())
                .findFirstEffectiveSubstatementArgument(DefaultEffectiveStatement.class).orElseThrow();
    }

    @Test
    void theModulesDefaultsAreTheEnginesDefaults() {
        EngineConfig def = EngineConfig.defaults();
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FAILURE_DETECTION_TIME)).isEqualTo(Long.toString(def.failureDetectionTimeMs()));
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FAILBACK)).isEqualTo(Boolean.toString(def.failback()));
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.TRACK_INTERFACES_ONLY_WITH_GROUPS))
                .isEqualTo(Boolean.toString(def.trackInterfacesOnlyWithGroups()));
        DampingConfig d = DampingConfig.DEFAULT;
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.ENABLED)).isEqualTo(Boolean.toString(d.enabled()));
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.PENALTY_PER_FAILURE)).isEqualTo("" + d.penaltyPerFailure());
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.SUPPRESS_THRESHOLD)).isEqualTo("" + d.suppressThreshold());
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.REUSE_THRESHOLD)).isEqualTo("" + d.reuseThreshold());
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.HALF_LIFE)).isEqualTo("" + d.halfLifeMs());
        assertThat(schemaDefault(IpmpQNames.IPMP, IpmpQNames.FLAP_DAMPING, IpmpQNames.MAX_PENALTY)).isEqualTo("" + d.maxPenalty());
        assertThat(IpmpSchema.shared().context().dataChildByName(IpmpQNames.IPMP)).isInstanceOf(ContainerSchemaNode.class);
    }
}
