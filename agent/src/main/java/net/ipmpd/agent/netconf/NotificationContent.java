package net.ipmpd.agent.netconf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.yang.IpmpQNames;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.builder.DataContainerNodeBuilder;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/**
 * An engine notification as the ipmp module's notification body. The engine notifications
 * without a YANG counterpart (probe results, target changes, link changes, ...) are for logs and
 * ipmpstat and are not sent.
 */
final class NotificationContent {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private NotificationContent() {
    }

    static Optional<ContainerNode> of(Notification n, Instant at) {
        return Optional.ofNullable(switch (n) {
            case Notification.InterfaceFailed f -> member(IpmpQNames.INTERFACE_FAILED, n, f.member(), at).build();
            case Notification.InterfaceRepaired r -> member(IpmpQNames.INTERFACE_REPAIRED, n, r.member(), at).build();
            case Notification.InterfaceOffline o -> member(IpmpQNames.INTERFACE_OFFLINE, n, o.member(), at).build();
            case Notification.InterfaceOnline o -> member(IpmpQNames.INTERFACE_ONLINE, n, o.member(), at).build();
            case Notification.GroupFailed g -> group(IpmpQNames.GROUP_FAILED, n, at).build();
            case Notification.GroupRepaired g -> {
                var b = group(IpmpQNames.GROUP_REPAIRED, n, at);
                if (!g.firstUsableMember().isEmpty()) {
                    b.withChild(ImmutableNodes.leafNode(IpmpQNames.MEMBER, g.firstUsableMember()));
                }
                yield b.build();
            }
            case Notification.AddressMoved m -> {
                var b = group(IpmpQNames.ADDRESS_MOVED, n, at)
                        .withChild(ImmutableNodes.leafNode(IpmpQNames.ADDRESS, m.address().getHostAddress()));
                if (m.from() != null && !m.from().isEmpty()) {
                    b.withChild(ImmutableNodes.leafNode(IpmpQNames.FROM_MEMBER, m.from()));
                }
                if (m.to() != null && !m.to().isEmpty()) {
                    b.withChild(ImmutableNodes.leafNode(IpmpQNames.TO_MEMBER, m.to()));
                }
                yield b.build();
            }
            case Notification.Flapping f -> member(IpmpQNames.FLAPPING, n, f.member(), at)
                    .withChild(ImmutableNodes.leafNode(IpmpQNames.SUPPRESSED, f.suppressed()))
                    .withChild(ImmutableNodes.leafNode(IpmpQNames.PENALTY, Uint32.valueOf(Math.max(0, f.penalty()))))
                    .build();
            case Notification.LinkChanged l -> null;
            case Notification.FlapGuardEngaged g -> null;
            case Notification.FailureDetectionTimeChanged c -> null;
            case Notification.TargetChanged t -> null;
            case Notification.ProbeCompleted p -> null;
            case Notification.ConfigWarning w -> null;
        });
    }

    private static DataContainerNodeBuilder<NodeIdentifier, ContainerNode> member(QName name, Notification n, String member, Instant at) {
        var b = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(name));
        if (!n.group().isEmpty()) {
            b.withChild(ImmutableNodes.leafNode(IpmpQNames.GROUP, n.group()));
        }
        return b.withChild(ImmutableNodes.leafNode(IpmpQNames.MEMBER, member))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.CAUSE, n.cause().yangName()))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.TIME, RFC3339.format(at)));
    }

    private static DataContainerNodeBuilder<NodeIdentifier, ContainerNode> group(QName name, Notification n, Instant at) {
        return ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(name))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.GROUP, n.group()))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.CAUSE, n.cause().yangName()))
                .withChild(ImmutableNodes.leafNode(IpmpQNames.TIME, RFC3339.format(at)));
    }
}
