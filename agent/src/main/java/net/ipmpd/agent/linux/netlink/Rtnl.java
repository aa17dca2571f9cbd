package net.ipmpd.agent.linux.netlink;

/** Constants of netlink and rtnetlink (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if.h). */
public final class Rtnl {
    private Rtnl() {
    }

    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100;
    /** Set on dump answers when the table changed during the dump (the dump may be incomplete). */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV4_ROUTE = 0x40;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;
    public static final int RTMGRP_IPV6_ROUTE = 0x400;

    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_OPERSTATE = 16;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;

    public static final int RTA_DST = 1;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_TABLE = 15;

    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    /** rtnexthop / rtm_flags: the gateway is on the link, whatever routes say (it is on the group's subnet). */
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTPROT_STATIC = 4;
    /**
     * The protocol number of the routes ipmpd owns, so that they can be told apart from the
     * admin's and the kernel's after a restart (iproute2 rt_protos: 0-4 reserved, the others in
     * use are below 200; /etc/iproute2/rt_protos.d may name it "ipmpd").
     */
    public static final int RTPROT_IPMPD = 235;

    /** rtattr type bits that are flags, not part of the type (NLA_F_NESTED, NLA_F_NET_BYTEORDER). */
    public static final int NLA_TYPE_MASK = 0x3fff;

    public static int align4(int n) {
        return (n + 3) & ~3;
    }
}
