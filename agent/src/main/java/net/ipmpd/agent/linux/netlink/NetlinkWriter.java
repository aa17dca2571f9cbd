package net.ipmpd.agent.linux.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte nlmsghdr, a fixed family header written by the caller
 * and rtattrs, all in host byte order, every attribute padded to 4 bytes. The length field is
 * filled in by {@link #finish()}.
 */
public final class NetlinkWriter {
    private final ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

    public NetlinkWriter(int type, int flags, int seq) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    public NetlinkWriter u8(int v) {
        buf.put((byte) v);
        return this;
    }

    public NetlinkWriter u16(int v) {
        buf.putShort((short) v);
        return this;
    }

    public NetlinkWriter u32(int v) {
        buf.putInt(v);
        return this;
    }

    public NetlinkWriter attr(int type, byte[] value) {
        buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    public NetlinkWriter attrU32(int type, int value) {
        buf.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    public NetlinkWriter attrAddress(int type, InetAddress address) {
        return attr(type, address.getAddress());
    }

    /** A NUL-terminated string attribute (IFLA_IFNAME, IFA_LABEL). */
    public NetlinkWriter attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    /**
     * Starts a structure whose first field is its own u16 length (a nested rtattr or an
     * rtnexthop); returns the mark for {@link #end(int)}.
     */
    public int begin() {
        return buf.position();
    }

    public NetlinkWriter beginAttr(int type, int[] markOut) {
        markOut[0] = buf.position();
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    /** Writes the length of the structure started at {@code mark} and pads to 4 bytes. */
    public NetlinkWriter end(int mark) {
        buf.putShort(mark, (short) (buf.position() - mark));
        pad();
        return this;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    public byte[] finish() {
        pad();
        buf.putInt(0, buf.position());
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
