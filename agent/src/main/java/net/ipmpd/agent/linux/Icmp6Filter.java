package net.ipmpd.agent.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ICMP type filters of raw sockets, so that a probe socket wakes up only for echo replies.
 * IPv4 (SOL_RAW ICMP_FILTER): a u32 mask, a set bit drops that type. IPv6 (ICMP6_FILTER): 256
 * bits in eight u32 words, a set bit blocks that type (Linux: ICMP6_FILTER_SETBLOCKALL sets all).
 */
public final class Icmp6Filter {
    private Icmp6Filter() {
    }

    public static byte[] blockAll() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 8; i++) {
            b.putInt(-1);
        }
        return b.array();
    }

    public static byte[] passOnly(int type) {
        ByteBuffer b = ByteBuffer.wrap(blockAll()).order(ByteOrder.nativeOrder());
        int word = type >>> 5;
        b.putInt(word * 4, b.getInt(word * 4) & ~(1 << (type & 31)));
        return b.array();
    }

    /** IPv4: everything but echo reply (type 0) is dropped. */
    public static byte[] ipv4EchoReplyOnly() {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(~1).array();
    }
}
