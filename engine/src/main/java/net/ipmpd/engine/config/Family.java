package net.ipmpd.engine.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address family; each member probes IPv4 and IPv6 separately (in.mpathd: a phyint instance each). */
public enum Family {
    IPV4, IPV6;

    public static Family of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    public Family other() {
        return this == IPV4 ? IPV6 : IPV4;
    }
}
