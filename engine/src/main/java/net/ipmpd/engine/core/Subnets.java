package net.ipmpd.engine.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Network addresses of data subnets, for the routes the engine asks for. */
final class Subnets {
    private Subnets() {
    }

    /** {@code address} with the host bits cleared. */
    static InetAddress network(InetAddress address, int prefixLength) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // four or sixteen bytes, from an address
        }
    }
}
