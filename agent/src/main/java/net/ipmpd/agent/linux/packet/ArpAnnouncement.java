package net.ipmpd.agent.linux.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * Gratuitous ARP in request form (RFC 5227 §3 "ARP Announcement": sender and target protocol
 * address both the data address, target hardware address zero). Linux classes an ARP whose
 * sender and target IP are equal as gratuitous and updates an existing neighbour entry even
 * inside its locktime window. 28 bytes, network order; the kernel adds the Ethernet header.
 */
public final class ArpAnnouncement {
    public static final int LENGTH = 28;
    public static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpAnnouncement() {
    }

    public static byte[] encode(byte[] senderMac, Inet4Address address) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("gratuitous ARP needs a 6-byte Ethernet MAC, got " + senderMac.length + " bytes");
        }
        byte[] ip = address.getAddress();
        return ByteBuffer.allocate(LENGTH)
                .putShort((short) 1)          // htype Ethernet
                .putShort((short) 0x0800)     // ptype IPv4
                .put((byte) 6).put((byte) 4)  // hlen, plen
                .putShort((short) 1)          // op request
                .put(senderMac).put(ip)
                .put(new byte[6]).put(ip)
                .array();
    }
}
