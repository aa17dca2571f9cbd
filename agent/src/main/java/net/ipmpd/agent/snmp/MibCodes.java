package net.ipmpd.agent.snmp;

import java.util.Set;
import net.ipmpd.engine.notify.Cause;
import net.ipmpd.engine.state.GroupState;
import net.ipmpd.engine.state.LinkState;
import net.ipmpd.engine.state.MemberFlag;
import net.ipmpd.engine.state.MemberSnapshot;
import net.ipmpd.engine.state.MemberState;
import net.ipmpd.engine.state.ProbeState;
import net.ipmpd.engine.state.TargetMode;
import net.ipmpd.engine.state.TargetState;
import org.snmp4j.smi.OctetString;

/**
 * The numbers IPMP-MIB gives the engine's enumerations. Written out as exhaustive switches, not
 * ordinals, so a new engine constant breaks the build here instead of shifting every label.
 */
final class MibCodes {
    private MibCodes() {
    }

    /** IpmpCause. */
    static int cause(Cause c) {
        return switch (c) {
            case LINK_DOWN -> 1;
            case PROBES_LOST -> 2;
            case TARGET_LOST -> 3;
            case GROUP_FAILURE -> 4;
            case ADMIN_OFFLINE -> 5;
            case ADMIN_ONLINE -> 6;
            case FLAPPING -> 7;
            case REPAIRED -> 8;
            case FAILBACK -> 9;
            case NOT_PRESENT -> 10;
            case REMOVED -> 11;
            case CONFIG -> 12;
            case NONE -> 13;
            case KERNEL_CHANGE -> 14;
            case DUPLICATE_HARDWARE_ADDRESS -> 15;
        };
    }

    static Cause causeOf(int code) {
        for (Cause c : Cause.values()) {
            if (cause(c) == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("no IpmpCause " + code);
    }

    /** IpmpGroupStateType. */
    static int groupState(GroupState s) {
        return switch (s) {
            case OK -> 1;
            case DEGRADED -> 2;
            case FAILED -> 3;
        };
    }

    /** IpmpMemberStateType. */
    static int memberState(MemberState s) {
        return switch (s) {
            case OK -> 1;
            case FAILED -> 2;
            case OFFLINE -> 3;
            case UNKNOWN -> 4;
        };
    }

    /** IpmpLinkState. */
    static int linkState(LinkState s) {
        return switch (s) {
            case UP -> 1;
            case DOWN -> 2;
            case UNKNOWN -> 3;
        };
    }

    /** IpmpProbeState. */
    static int probeState(ProbeState s) {
        return switch (s) {
            case OK -> 1;
            case FAILED -> 2;
            case UNKNOWN -> 3;
            case DISABLED -> 4;
        };
    }

    /** IpmpTargetModeType. */
    static int targetMode(TargetMode m) {
        return switch (m) {
            case ROUTES -> 1;
            case MULTICAST -> 2;
            case STATIC -> 3;
            case DISABLED -> 4;
        };
    }

    /** ipmpTargetState. */
    static int targetState(TargetState s) {
        return switch (s) {
            case ACTIVE -> 1;
            case UNUSED -> 2;
            case SLOW -> 3;
            case DEAD -> 4;
        };
    }

    /** The bit of IpmpMemberFlags; bit 0 (active) is not an engine flag but the active property. */
    static int flagBit(MemberFlag f) {
        return switch (f) {
            case INACTIVE -> 1;
            case STANDBY -> 2;
            case FAILED -> 3;
            case OFFLINE -> 4;
            case FLAPPING -> 5;
            case IPV4_MULTICAST_NOMINEE -> 6;
            case IPV4_BROADCAST_NOMINEE -> 7;
            case IPV6_MULTICAST_NOMINEE -> 8;
            case DUPLICATE_HARDWARE_ADDRESS -> 9;
        };
    }

    /** BITS encoding (RFC 2578 7.1.4): bit n is the (7 - n % 8)th bit of octet n / 8. */
    static OctetString memberFlags(MemberSnapshot m) {
        byte[] bits = new byte[2];
        if (m.active()) {
            set(bits, 0);
        }
        Set<MemberFlag> flags = m.flags();
        for (MemberFlag f : flags) {
            set(bits, flagBit(f));
        }
        return new OctetString(bits);
    }

    private static void set(byte[] bits, int bit) {
        bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }

    /** TruthValue. */
    static int truth(boolean b) {
        return b ? 1 : 2;
    }
}
