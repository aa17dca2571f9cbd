package net.ipmpd.engine.action;

import java.net.InetAddress;
import java.util.List;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.TestAddress;
import net.ipmpd.engine.notify.Cause;

/**
 * What the engine asks the dataplane to do. The dataplane carries these out in order; it reports
 * what it sees as events, never by changing engine state.
 */
public sealed interface Action {

    /** Put a data address on a member where it is not yet (start-up, a newly configured address). */
    record PlaceAddress(String group, DataAddressConfig address, String member) implements Action {
    }

    /**
     * Move a data address from one member to another: add it on {@code to} first, then delete it
     * from {@code from} (make-before-break, so the address never stops being local), then tell the
     * neighbours (gratuitous ARP / unsolicited NA) from {@code to}.
     */
    record MoveAddress(String group, DataAddressConfig address, String from, String to, Cause cause) implements Action {
    }

    /** The address is no longer configured: delete it from the member that holds it. */
    record RemoveAddress(String group, DataAddressConfig address, String member) implements Action {
    }

    /** Make sure the member carries its test address (added, never moved). */
    record PlumbTestAddress(String member, TestAddress testAddress) implements Action {
    }

    /** The test address is no longer configured on this member. */
    record UnplumbTestAddress(String member, TestAddress testAddress) implements Action {
    }

    /**
     * Send one ICMP or ICMPv6 echo request out of {@code member} only, from its test address.
     *
     * @param sequence the echo sequence number; replies are matched by it
     */
    record SendProbe(String member, Family family, InetAddress source, InetAddress target, int sequence, ProbeKind kind)
            implements Action {
    }

    /** in.mpathd's probe kinds (mpd_probe.c PROBE_UNI / PROBE_MULTI). */
    enum ProbeKind {
        /** Failure detection and RTT measurement to one target. */
        UNICAST,
        /** Target discovery to all-hosts (224.0.0.1 / ff02::1). */
        MULTICAST
    }

    /**
     * Outbound load spreading: these members (in order) carry the group's outbound traffic now.
     * Not sent while no member is usable (the last working set stays); empty only when the group
     * was removed from the configuration, which means: delete the group's route.
     */
    record SetOutbound(String group, List<String> members) implements Action {
        public SetOutbound {
            members = List.copyOf(members);
        }
    }

    /**
     * The receivers of the group's multicast and broadcast traffic (Solaris nominees): one member
     * each for IPv4 multicast, IPv4 broadcast and IPv6 multicast, or null when no member is usable.
     */
    record SetNominees(String group, String ipv4Multicast, String ipv4Broadcast, String ipv6Multicast) implements Action {
    }
}
