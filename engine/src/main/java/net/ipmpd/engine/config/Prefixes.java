package net.ipmpd.engine.config;

import java.net.InetAddress;

/** Prefix arithmetic on raw address bytes (no name lookups, no I/O). */
public final class Prefixes {
    private Prefixes() {
    }

    public static boolean contains(InetAddress network, int prefixLength, InetAddress candidate) {
        byte[] a = network.getAddress();
        byte[] b = candidate.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }
}
