package net.ipmpd.agent.linux.packet;

import java.nio.ByteBuffer;

/**
 * ICMP / ICMPv6 echo probes (RFC 792, RFC 4443). The identifier tells ipmpd's probes apart from
 * every other ping on the host (every raw ICMP socket sees every reply); the payload carries the
 * send time and a marker. IPv4 checksums are ours to compute; IPv6 checksums the kernel fills in
 * (it needs the pseudo-header).
 */
public final class IcmpEcho {
    public static final int ECHO_REQUEST_V4 = 8;
    public static final int ECHO_REPLY_V4 = 0;
    public static final int ECHO_REQUEST_V6 = 128;
    public static final int ECHO_REPLY_V6 = 129;
    /** 8-byte header, 8-byte send time, 8-byte marker. */
    public static final int LENGTH = 24;
    static final long MARKER = 0x69706d7064_000000L;   // "ipmpd"

    private IcmpEcho() {
    }

    /** A matched echo reply. */
    public record Reply(int identifier, int sequence, long sentAtNanos) {
    }

    public static byte[] request(boolean ipv6, int identifier, int sequence, long sentAtNanos) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH)
                .put((byte) (ipv6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4)).put((byte) 0).putShort((short) 0)
                .putShort((short) identifier).putShort((short) sequence)
                .putLong(sentAtNanos).putLong(MARKER);
        byte[] out = b.array();
        if (!ipv6) {
            int sum = checksum(out, 0, out.length);
            out[2] = (byte) (sum >>> 8);
            out[3] = (byte) sum;
        }
        return out;
    }

    /**
     * Decodes what a raw socket returned: for IPv4 the IP header comes first (skipped by its IHL),
     * for IPv6 only the ICMPv6 message. Returns null for anything but one of our echo replies.
     */
    public static Reply parseReply(boolean ipv6, byte[] packet, int length) {
        int off = 0;
        if (!ipv6) {
            if (length < 20 || (packet[0] >> 4 & 0xf) != 4) {
                return null;
            }
            off = (packet[0] & 0xf) * 4;
        }
        if (length - off < LENGTH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length);
        int type = b.get(off) & 0xff;
        if (type != (ipv6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4) || b.get(off + 1) != 0 || b.getLong(off + 16) != MARKER) {
            return null;
        }
        return new Reply(b.getShort(off + 4) & 0xffff, b.getShort(off + 6) & 0xffff, b.getLong(off + 8));
    }

    /** The Internet checksum (RFC 1071). */
    public static int checksum(byte[] data, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((data[off + i] & 0xff) << 8) | (data[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (data[off + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
