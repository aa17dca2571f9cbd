package net.ipmpd.agent.linux;

import java.net.InetAddress;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.Rtnl;

/**
 * Adds and deletes addresses through rtnetlink, acked, and records the result in the
 * {@link InterfaceTable} at once (the monitor's event follows later) so that decisions taken
 * right after, like a route's preferred source, see it.
 */
public final class AddressOps {
    private final RtnetlinkSocket requests;
    private final InterfaceTable table;

    public AddressOps(RtnetlinkSocket requests, InterfaceTable table) {
        this.requests = requests;
        this.table = table;
    }

    /** Adds (or refreshes) the address; an address already there is fine. */
    public void add(String member, InetAddress address, int prefixLength) throws NativeException {
        int index = index(member, "add", address, prefixLength);
        requests.request(seq -> RtnetlinkRequests.newAddress(seq, index, address, prefixLength),
                "add " + address.getHostAddress() + "/" + prefixLength + " on " + member);
        table.apply(new RtnetlinkMessage.Address(0, Rtnl.RTM_NEWADDR, index, prefixLength, Rtnl.IFA_F_NOPREFIXROUTE, 0, address));
    }

    /**
     * Deletes the address. An address that is not there (EADDRNOTAVAIL), or whose interface is
     * gone (hot removal takes its addresses with it), counts as deleted.
     */
    public void delete(String member, InetAddress address, int prefixLength) throws NativeException {
        var index = table.index(member);
        if (index.isEmpty()) {
            return;
        }
        int i = index.getAsInt();
        try {
            requests.request(seq -> RtnetlinkRequests.deleteAddress(seq, i, address, prefixLength),
                    "delete " + address.getHostAddress() + "/" + prefixLength + " from " + member);
        } catch (NativeException e) {
            if (e.errno() != LibC.EADDRNOTAVAIL && e.errno() != LibC.ENODEV) {
                throw e;
            }
        }
        table.apply(new RtnetlinkMessage.Address(0, Rtnl.RTM_DELADDR, i, prefixLength, 0, 0, address));
    }

    private int index(String member, String op, InetAddress address, int prefixLength) throws NativeException {
        return table.index(member).orElseThrow(() -> new NativeException(op + " " + address.getHostAddress() + "/"
                + prefixLength + " on " + member + ": no such interface", LibC.ENODEV));
    }
}
