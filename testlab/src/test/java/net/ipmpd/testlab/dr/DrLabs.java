package net.ipmpd.testlab.dr;

import net.ipmpd.testlab.LabException;
import net.ipmpd.testlab.e2e.OperatorTools;

import java.util.List;

/**
 * What the dynamic-reconfiguration scenarios read the way an operator does: one interface's row of `ipmpstat -i`
 * (parsable, fields INTERFACE,ACTIVE,FLAGS,STATE) and the FLAGS letters by their Solaris position
 * (ipmpstat.c IPMPSTAT_*FLAG_INDEX: i s m b M d h, then ipmpd's f).
 */
final class DrLabs {
    static final String IPMPSTAT_I_FIELDS = "INTERFACE,ACTIVE,FLAGS,STATE";
    static final int INACTIVE = 0;
    static final int IPV4_MULTICAST_NOMINEE = 2;
    static final int IPV4_BROADCAST_NOMINEE = 3;
    static final int IPV6_MULTICAST_NOMINEE = 4;
    /** 'd': unusable because down; ipmpd sets it for an interface that does not exist. */
    static final int DOWN = 5;

    /** One row of ipmpstat -i as shown to an operator. */
    record InterfaceRow(String name, String active, String flags, String state) {
        boolean flag(int position, char letter) {
            return flags.length() > position && flags.charAt(position) == letter;
        }

        boolean nominee() {
            return flag(IPV4_MULTICAST_NOMINEE, 'm') && flag(IPV4_BROADCAST_NOMINEE, 'b')
                    && flag(IPV6_MULTICAST_NOMINEE, 'M');
        }

        boolean anyNomineeFlag() {
            return flag(IPV4_MULTICAST_NOMINEE, 'm') || flag(IPV4_BROADCAST_NOMINEE, 'b')
                    || flag(IPV6_MULTICAST_NOMINEE, 'M');
        }
    }

    private DrLabs() {
    }

    static InterfaceRow ipmpstatI(OperatorTools tools, String ifname) {
        List<List<String>> rows = tools.parsable("-i", IPMPSTAT_I_FIELDS);
        return rows.stream().filter(r -> r.getFirst().equals(ifname)).findFirst()
                .map(r -> new InterfaceRow(r.get(0), r.get(1), r.get(2), r.get(3)))
                .orElseThrow(() -> new LabException("ipmpstat -i shows no row for " + ifname + ": " + rows));
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
