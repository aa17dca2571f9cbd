package net.ipmpd.agent.linux.packet;

import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * Unsolicited Neighbor Advertisement (RFC 4861 §7.2.6) for a moved IPv6 data address: Override
 * set so that receivers replace the cached link-layer address, Solicited clear, with a Target
 * Link-Layer Address option. The checksum is left 0: the kernel computes ICMPv6 checksums on raw
 * sockets. Linux sends none itself for IFA_F_NODAD addresses.
 */
public final class NeighborAdvertisement {
    public static final int LENGTH = 32;
    static final int TYPE = 136;
    static final int OVERRIDE = 0x2000_0000;
    static final int OPTION_TARGET_LL = 2;

    private NeighborAdvertisement() {
    }

    public static byte[] encode(Inet6Address target, byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("neighbor advertisement needs a 6-byte Ethernet MAC, got " + mac.length + " bytes");
        }
        return ByteBuffer.allocate(LENGTH)
                .put((byte) TYPE).put((byte) 0).putShort((short) 0)
                .putInt(OVERRIDE)
                .put(target.getAddress())
                .put((byte) OPTION_TARGET_LL).put((byte) 1)   // length in units of 8 bytes
                .put(mac)
                .array();
    }
}
