package net.ipmpd.yang.config;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** Conversions between YANG's textual values and Java's, with no name lookups. */
final class YangValues {
    private YangValues() {
    }

    /** An address literal as inet:ip-address-no-zone carries it; never a DNS lookup. */
    static InetAddress parseAddress(String text) {
        return InetAddresses.forString(text);
    }

    /** The canonical text of an address (RFC 5952 for IPv6), as written to files and NETCONF. */
    static String format(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }

    /** True for an IPv4 or IPv6 address literal. */
    static boolean isAddress(String text) {
        return InetAddresses.isInetAddress(text);
    }

    /** Equal as text or as the same IP address written differently (2001:2::1 and 2001:2:0:0:0:0:0:1). */
    static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (InetAddresses.isInetAddress(a) && InetAddresses.isInetAddress(b)) {
            return InetAddresses.forString(a).equals(InetAddresses.forString(b));
        }
        return false;
    }
}
