package net.ipmpd.testlab;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The only addresses a lab may use: 198.18.0.0/15 and 2001:2::/48 (RFC 2544 / RFC 5180 benchmarking ranges, never
 * routed on the internet), plus IPv6 link-local. Everything the lab configures passes through here, so a typo
 * cannot put a real-world address into a lab (and nothing goes into the root namespace anyway).
 */
public final class LabAddresses {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private LabAddresses() {
    }

    /** A prefix-qualified address, e.g. 198.18.0.10/24. */
    public record Cidr(InetAddress address, int prefixLength, String text) {
        public boolean isIpv6() {
            return address instanceof Inet6Address;
        }

        /** The address without prefix, as written (e.g. "2001:2::10"). */
        public String addressText() {
            return text.substring(0, text.indexOf('/'));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Parses "ADDR/LEN" and checks it lies in a lab range; `where` names the place for the error. */
    public static Cidr cidr(String text, String where) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(where + ": '" + text + "' needs a prefix length, e.g. 198.18.0.10/24");
        }
        InetAddress a = literal(text.substring(0, slash), where);
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": bad prefix length in '" + text + "'");
        }
        int max = a instanceof Inet6Address ? 128 : 32;
        int min = a instanceof Inet6Address ? (isLinkLocal(a) ? 10 : 48) : 15;
        if (len < min || len > max) {
            throw new IllegalArgumentException(where + ": prefix length of '" + text + "' must be " + min + ".." + max
                    + " so the whole prefix stays inside the lab range");
        }
        requireLabRange(a, text, where);
        return new Cidr(a, len, text);
    }

    /** Parses a bare address and checks it lies in a lab range. */
    public static InetAddress address(String text, String where) {
        InetAddress a = literal(text, where);
        requireLabRange(a, text, where);
        return a;
    }

    /**
     * A destination a lab host may send to: a lab address, or link-scoped multicast (224.0.0.0/24, ff02::/16),
     * which never leaves the lab's bridge. in.mpathd-style target discovery pings 224.0.0.1 and ff02::1.
     */
    public static InetAddress destination(String text, String where) {
        InetAddress a = literal(text, where);
        if (!isLinkScopedMulticast(a)) {
            requireLabRange(a, text, where);
        }
        return a;
    }

    public static boolean isLinkScopedMulticast(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
        }
        return (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
    }

    public static boolean isLabAddress(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 198 && ((b[1] & 0xff) == 18 || (b[1] & 0xff) == 19);
        }
        boolean benchmarking = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && (b[3] & 0xff) == 0x02
                && b[4] == 0 && b[5] == 0;
        return benchmarking || isLinkLocal(a);
    }

    private static boolean isLinkLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
    }

    private static void requireLabRange(InetAddress a, String text, String where) {
        if (!isLabAddress(a)) {
            throw new IllegalArgumentException(where + ": '" + text
                    + "' is outside the lab ranges 198.18.0.0/15, 2001:2::/48 and fe80::/10");
        }
    }

    /** Parses an IP literal without ever asking DNS (InetAddress.getByName would resolve names). */
    private static InetAddress literal(String s, String where) {
        String bare = s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
        try {
            if (V4.matcher(bare).matches()) {
                String[] f = bare.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(f[i]);
                    if (v > 255) {
                        throw new IllegalArgumentException(where + ": '" + s + "' is not an IPv4 address");
                    }
                    b[i] = (byte) v;
                }
                return InetAddress.getByAddress(b);
            }
            if (V6.matcher(bare).matches()) {
                // Contains ':' and only hex digits, ':' and '.': getByName parses it as a literal, no lookup.
                return InetAddress.getByName(bare);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not an IP address: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(where + ": '" + s + "' is not an IP address");
    }
}
