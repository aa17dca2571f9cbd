package net.ipmpd.agent.snmp;

import java.util.ArrayList;
import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

/**
 * A notification ready to send. {@code key} names what it is about (a member, a group, a data
 * address); the rate limiter keeps the latest per key. IPMP-MIB notifications carry
 * ipmpNotifySuppressed as their fifth varbind, filled in when the trap leaves.
 */
record Trap(String key, OID trapOid, List<VariableBinding> head, List<VariableBinding> tail, boolean countsSuppressed) {
    static final OID NOTIFY_SUPPRESSED = IpmpMib.child(IpmpMib.NOTIFY_OBJECTS, 10, 0);

    VariableBinding[] varbinds(long suppressed) {
        List<VariableBinding> all = new ArrayList<>(head);
        if (countsSuppressed) {
            all.add(new VariableBinding(NOTIFY_SUPPRESSED, new UnsignedInteger32(Math.min(suppressed, 0xffff_ffffL))));
        }
        all.addAll(tail);
        return all.toArray(new VariableBinding[0]);
    }
}
