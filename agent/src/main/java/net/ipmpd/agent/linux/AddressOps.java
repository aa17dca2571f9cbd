package net.ipmpd.agent.linux;

import java.net.InetAddress;
import net.ipmpd.agent.linux.netlink.RtnetlinkMessage;
import net.ipmpd.agent.linux.netlink.RtnetlinkRequests;
import net.ipmpd.agent.linux.netlink.RtnetlinkSocket;
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

    /** Deletes the address; an address that is not there (EADDRNOTAVAIL) counts as deleted. */
    public void delete(String member, InetAddress address, int prefixLength) throws NativeException {
        int index = index(member, "delete", address, prefixLength);
        try {
            requests.request(seq -> RtnetlinkRequests.deleteAddress(seq, index, address, prefixLength),
                    "delete " + address.getHostAddress() + "/" + prefixLength + " from " + member);
        } catch (NativeException e) {
            if (e.errno() != LibC.EADDRNOTAVAIL) {
                throw e;
            }
        }
        table.apply(new RtnetlinkMessage.Address(0, Rtnl.RTM_DELADDR, index, prefixLength, 0, 0, address));
    }

    /**
     * Make-before-break: add on {@code to}, then delete from {@code from}. Linux accepts the same
     * address on two interfaces, so the address stays local throughout, and routes with it as
     * preferred source survive (break-before-make deletes them with the address).
     */
    public void move(String from, String to, InetAddress address, int prefixLength) throws NativeException {
        add(to, address, prefixLength);
        if (from != null && !from.equals(to)) {
            delete(from, address, prefixLength);
        }
    }

    private int index(String member, String op, InetAddress address, int prefixLength) throws NativeException {
        return table.index(member).orElseThrow(() -> new NativeException(op + " " + address.getHostAddress() + "/"
                + prefixLength + " on " + member + ": no such interface", LibC.ENODEV));
    }
}
