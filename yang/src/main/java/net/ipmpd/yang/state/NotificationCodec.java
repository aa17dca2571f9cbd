package net.ipmpd.yang.state;

import static net.ipmpd.yang.IpmpQNames.ADDRESS;
import static net.ipmpd.yang.IpmpQNames.ADDRESS_MOVED;
import static net.ipmpd.yang.IpmpQNames.CAUSE;
import static net.ipmpd.yang.IpmpQNames.FLAPPING;
import static net.ipmpd.yang.IpmpQNames.FROM_MEMBER;
import static net.ipmpd.yang.IpmpQNames.GROUP;
import static net.ipmpd.yang.IpmpQNames.GROUP_FAILED;
import static net.ipmpd.yang.IpmpQNames.GROUP_REPAIRED;
import static net.ipmpd.yang.IpmpQNames.INTERFACE_FAILED;
import static net.ipmpd.yang.IpmpQNames.INTERFACE_OFFLINE;
import static net.ipmpd.yang.IpmpQNames.INTERFACE_ONLINE;
import static net.ipmpd.yang.IpmpQNames.INTERFACE_REPAIRED;
import static net.ipmpd.yang.IpmpQNames.MEMBER;
import static net.ipmpd.yang.IpmpQNames.PENALTY;
import static net.ipmpd.yang.IpmpQNames.SUPPRESSED;
import static net.ipmpd.yang.IpmpQNames.TIME;
import static net.ipmpd.yang.IpmpQNames.TO_MEMBER;

import com.google.common.net.InetAddresses;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import net.ipmpd.engine.notify.Notification;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.builder.DataContainerNodeBuilder;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/**
 * Engine notifications as the ipmp module's YANG notifications (a ContainerNode named after the
 * notification, ready for {@code ConfigXml.appendNotification} and RFC 5277 delivery). Engine
 * notifications that the module does not publish (link changes, probe results, target changes,
 * FDT changes, flap guard, configuration warnings) give {@link Optional#empty()}: they go to logs
 * and ipmpstat, not to NETCONF subscribers.
 */
public final class NotificationCodec {
    private NotificationCodec() {
    }

    /** The YANG notification for {@code n}, or empty when the module has none for it. */
    public static Optional<ContainerNode> encode(Notification n, LongFunction<Instant> wallClock) {
        return switch (n) {
            case Notification.InterfaceFailed f -> Optional.of(memberEvent(INTERFACE_FAILED, n, f.member(), wallClock).build());
            case Notification.InterfaceRepaired r -> Optional.of(memberEvent(INTERFACE_REPAIRED, n, r.member(), wallClock).build());
            case Notification.InterfaceOffline o -> Optional.of(memberEvent(INTERFACE_OFFLINE, n, o.member(), wallClock).build());
            case Notification.InterfaceOnline o -> Optional.of(memberEvent(INTERFACE_ONLINE, n, o.member(), wallClock).build());
            case Notification.GroupFailed g -> Optional.of(event(GROUP_FAILED, n, wallClock).build());
            case Notification.GroupRepaired g -> {
                var b = event(GROUP_REPAIRED, n, wallClock);
                optionalLeaf(b, MEMBER, g.firstUsableMember());
                yield Optional.of(b.build());
            }
            case Notification.AddressMoved a -> {
                var b = event(ADDRESS_MOVED, n, wallClock)
                        .withChild(ImmutableNodes.leafNode(ADDRESS, InetAddresses.toAddrString(a.address())));
                optionalLeaf(b, FROM_MEMBER, a.from());
                optionalLeaf(b, TO_MEMBER, a.to());
                yield Optional.of(b.build());
            }
            case Notification.Flapping f -> Optional.of(memberEvent(FLAPPING, n, f.member(), wallClock)
                    .withChild(ImmutableNodes.leafNode(SUPPRESSED, f.suppressed()))
                    .withChild(ImmutableNodes.leafNode(PENALTY, Uint32.valueOf(Math.max(0, f.penalty()))))
                    .build());
            case Notification.LinkChanged l -> Optional.empty();
            case Notification.FlapGuardEngaged g -> Optional.empty();
            case Notification.FailureDetectionTimeChanged c -> Optional.empty();
            case Notification.TargetChanged t -> Optional.empty();
            case Notification.ProbeCompleted p -> Optional.empty();
            case Notification.ConfigWarning w -> Optional.empty();
        };
    }

    /** group (absent for the anonymous group), cause and time: the leaves every notification has. */
    private static DataContainerNodeBuilder<NodeIdentifier, ContainerNode> event(QName name, Notification n, LongFunction<Instant> wallClock) {
        var b = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(name));
        optionalLeaf(b, GROUP, n.group());
        return b.withChild(ImmutableNodes.leafNode(CAUSE, n.cause().yangName()))
                .withChild(ImmutableNodes.leafNode(TIME, StateCodec.dateAndTime(wallClock.apply(n.atNanos()))));
    }

    private static DataContainerNodeBuilder<NodeIdentifier, ContainerNode> memberEvent(QName name, Notification n, String member, LongFunction<Instant> wallClock) {
        return event(name, n, wallClock).withChild(ImmutableNodes.leafNode(MEMBER, member));
    }

    private static void optionalLeaf(DataContainerNodeBuilder<NodeIdentifier, ContainerNode> b, QName leaf, String value) {
        if (value != null && !value.isEmpty()) {
            b.withChild(ImmutableNodes.leafNode(leaf, value));
        }
    }
}
