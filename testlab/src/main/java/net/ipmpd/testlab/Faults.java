package net.ipmpd.testlab;

import net.ipmpd.testlab.LabSpec.MemberSpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The failures a scenario can inject. Every fault acts on the switch or on a target, never on the ipmpd host's
 * members directly, so what the daemon sees is what it would see from a real network (except
 * {@link #deleteMember}, which is the hot-removal case).
 */
public final class Faults {
    private static final Logger LOG = LogManager.getLogger(Faults.class);

    private final Lab lab;
    private final Set<String> dropFrom = new TreeSet<>();
    private final Set<String> dropTo = new TreeSet<>();

    Faults(Lab lab) {
        this.lab = lab;
    }

    /** Carrier loss on a member: its switch port goes admin down, so the member loses LOWER_UP (stays admin up). */
    public void carrierDown(String member) {
        requireMember(member);
        lab.ip(lab.switchNs(), "link", "set", lab.switchPort(member), "down");
        LOG.info("lab {}: carrier down on member {} (switch port {} down)", lab.runId(), member,
                lab.switchPort(member));
    }

    public void carrierUp(String member) {
        requireMember(member);
        lab.ip(lab.switchNs(), "link", "set", lab.switchPort(member), "up");
        LOG.info("lab {}: carrier up on member {} (switch port {} up)", lab.runId(), member,
                lab.switchPort(member));
    }

    /**
     * The switch port of a member or host stops forwarding while its carrier stays up: what only probes can detect.
     * Uses the bridge filter in the switch namespace (tc netem is not available in this kernel).
     */
    public void blockPort(String attached, PortBlock direction) {
        String port = lab.switchPort(attached);
        synchronized (this) {
            if (direction != PortBlock.TO_ATTACHED) {
                dropFrom.add(port);
            }
            if (direction != PortBlock.FROM_ATTACHED) {
                dropTo.add(port);
            }
            applyBlocks();
        }
        LOG.info("lab {}: switch port {} of {} stops forwarding ({})", lab.runId(), port, attached, direction);
    }

    public void blockPort(String attached) {
        blockPort(attached, PortBlock.BOTH);
    }

    /** Repairs a blocked port (both directions). */
    public void unblockPort(String attached) {
        String port = lab.switchPort(attached);
        synchronized (this) {
            dropFrom.remove(port);
            dropTo.remove(port);
            applyBlocks();
        }
        LOG.info("lab {}: switch port {} of {} forwards again", lab.runId(), port, attached);
    }

    public synchronized Set<String> blockedPorts() {
        Set<String> all = new TreeSet<>(dropFrom);
        all.addAll(dropTo);
        return all;
    }

    /** Rewrites both sets in one nft transaction, so no packet sees a half-applied change. */
    private void applyBlocks() {
        StringBuilder s = new StringBuilder();
        appendSet(s, LabTopology.DROP_FROM_SET, dropFrom);
        appendSet(s, LabTopology.DROP_TO_SET, dropTo);
        lab.nft(s.toString());
    }

    private static void appendSet(StringBuilder s, String set, Set<String> ports) {
        s.append("flush set bridge ").append(LabTopology.FAULT_TABLE).append(' ').append(set).append('\n');
        if (!ports.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (String p : ports) {
                quoted.add('"' + p + '"');
            }
            s.append("add element bridge ").append(LabTopology.FAULT_TABLE).append(' ').append(set)
                    .append(" { ").append(String.join(", ", quoted)).append(" }\n");
        }
    }

    /** A dead target: its interface goes down, so it answers nothing (its switch port loses carrier too). */
    public void killTarget(String host) {
        lab.ip(lab.ns(host), "link", "set", host, "down");
        LOG.info("lab {}: target {} dead (interface down)", lab.runId(), host);
    }

    public void reviveTarget(String host) {
        lab.ip(lab.ns(host), "link", "set", host, "up");
        LOG.info("lab {}: target {} alive again", lab.runId(), host);
    }

    /**
     * A flapping link: `cycles` carrier-down/up cycles on a member, down for `down`, then up for `up`, on a
     * background thread. The lab stops it on close. Each transition costs an `ip` exec (~5-20 ms), so periods
     * below ~50 ms are not precise.
     */
    public Flap flap(String member, int cycles, Duration down, Duration up) {
        requireMember(member);
        Flap f = Flap.start(this, member, cycles, down, up);
        lab.register(f);
        return f;
    }

    /** Hot removal: the member's veth pair disappears (RTM_DELLINK on the ipmpd host). */
    public void deleteMember(String member) {
        requireMember(member);
        lab.ip(lab.hostNs(), "link", "del", member);
        LOG.info("lab {}: member {} deleted", lab.runId(), member);
    }

    /** Re-creates a deleted member with the same name, MAC, sysctls and starting addresses as in the spec. */
    public void recreateMember(String member) {
        MemberSpec m = requireMember(member);
        new LabTopology(lab).createMember(m);
        LOG.info("lab {}: member {} re-created", lab.runId(), member);
    }

    private MemberSpec requireMember(String member) {
        return lab.spec().member(member).orElseThrow(() -> new IllegalArgumentException(
                "no member '" + member + "' in lab " + lab.runId() + "; members: " + lab.memberNames()));
    }

    Lab lab() {
        return lab;
    }
}
