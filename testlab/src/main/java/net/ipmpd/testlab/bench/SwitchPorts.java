package net.ipmpd.testlab.bench;

import net.ipmpd.agent.linux.NativeException;
import net.ipmpd.agent.linux.netlink.NetlinkWriter;
import net.ipmpd.agent.linux.RtnetlinkSocket;
import net.ipmpd.agent.linux.netlink.Rtnl;
import net.ipmpd.testlab.Lab;

/**
 * Carrier faults without a process start: an rtnetlink socket in the switch's namespace sets a switch port admin
 * down or up (RTM_NEWLINK, ifi_change = IFF_UP), so the member on the other end of the veth loses or regains its
 * carrier. Exec'ing `ip` would put ~5-10 ms of fork/exec between the timestamp and the fault (research note
 * linux-dataplane.md §1.3); here the timestamp is taken right before sendto and the kernel applies the change
 * synchronously inside it.
 */
final class SwitchPorts implements AutoCloseable {
    private final RtnetlinkSocket socket;

    SwitchPorts(Lab lab) {
        this.socket = InNamespace.call(lab.switchNs(), RtnetlinkSocket::openRequest);
    }

    /** Sets the port up or down and returns System.nanoTime() taken just before the request was sent. */
    long set(int ifIndex, boolean up) throws NativeException {
        long t0 = System.nanoTime();
        socket.request(seq -> new NetlinkWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, seq)
                .u8(0).u8(0).u16(0)             // ifinfomsg: family AF_UNSPEC, pad, type
                .u32(ifIndex)
                .u32(up ? Rtnl.IFF_UP : 0)      // flags
                .u32(Rtnl.IFF_UP)               // change: only IFF_UP
                .finish(), "set switch port " + ifIndex + (up ? " up" : " down"));
        return t0;
    }

    @Override
    public void close() {
        socket.close();
    }
}
