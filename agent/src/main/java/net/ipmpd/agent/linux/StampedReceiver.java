package net.ipmpd.agent.linux;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * recvmsg(2) with SO_TIMESTAMPNS: each datagram comes with the time the kernel received it, so a
 * probe's round-trip time does not include how long a busy daemon took to read the reply (what
 * in.mpathd's ipmpstat calls NETRTT). The kernel stamps CLOCK_REALTIME; the stamp is moved onto
 * the monotonic clock the engine uses by the offset between the two clocks read at once.
 *
 * <p>Layouts are x86_64/LP64: struct msghdr is 56 bytes (name 0, namelen 8, iov 16, iovlen 24,
 * control 32, controllen 40, flags 48); struct iovec 16; struct cmsghdr 16 (len 0, level 8, type
 * 12) followed by its data; struct timespec 16 (sec, nsec). One instance per receiving thread.
 */
final class StampedReceiver {
    private static final int MSGHDR = 56;
    private static final int CONTROL = 128;

    private final LibC libc;
    private final Pointer msg;
    private final Pointer iov;
    private final Pointer name;
    private final Pointer control;
    private final Pointer clock;
    private final Pointer buffer;
    private final int bufferSize;

    /** What one receive returned; {@code kernelNanos} is 0 when the kernel gave no stamp. */
    record Received(int length, int nameLength, long kernelNanos) {
    }

    StampedReceiver(LibC libc, Pointer buffer, int bufferSize) {
        this.libc = libc;
        this.buffer = buffer;
        this.bufferSize = bufferSize;
        jnr.ffi.Runtime rt = LibC.runtime();
        this.msg = Memory.allocateDirect(rt, MSGHDR);
        this.iov = Memory.allocateDirect(rt, 16);
        this.name = Memory.allocateDirect(rt, SockAddr.IN6_LEN);
        this.control = Memory.allocateDirect(rt, CONTROL);
        this.clock = Memory.allocateDirect(rt, 16);
    }

    /**
     * One non-blocking receive into the buffer; null when nothing is queued (or on error). The
     * sender's address is copied into {@code from}.
     */
    Received receive(int fd, byte[] from) {
        iov.putAddress(0, buffer.address());
        iov.putLong(8, bufferSize);
        msg.putAddress(0, name.address());
        msg.putInt(8, SockAddr.IN6_LEN);
        msg.putAddress(16, iov.address());
        msg.putLong(24, 1);
        msg.putAddress(32, control.address());
        msg.putLong(40, CONTROL);
        msg.putInt(48, 0);
        long n = libc.recvmsg(fd, msg, LibC.MSG_DONTWAIT);
        if (n < 0) {
            return null;
        }
        int nameLength = Math.min(msg.getInt(8), from.length);
        name.get(0, from, 0, nameLength);
        return new Received((int) n, nameLength, kernelStamp(msg.getLong(40)));
    }

    private long kernelStamp(long controlLength) {
        long off = 0;
        while (off + 16 <= controlLength) {
            long len = control.getLong(off);
            if (len < 16) {
                return 0;
            }
            if (control.getInt(off + 8) == LibC.SOL_SOCKET && control.getInt(off + 12) == LibC.SCM_TIMESTAMPNS && len >= 32) {
                long realtime = control.getLong(off + 16) * 1_000_000_000L + control.getLong(off + 24);
                return toMonotonic(realtime);
            }
            off += (len + 7) & ~7L;
        }
        return 0;
    }

    /** System.nanoTime() is CLOCK_MONOTONIC on Linux; read both clocks back to back. */
    private long toMonotonic(long realtimeNanos) {
        long before = System.nanoTime();
        if (libc.clock_gettime(LibC.CLOCK_REALTIME, clock) != 0) {
            return 0;
        }
        long after = System.nanoTime();
        long realNow = clock.getLong(0) * 1_000_000_000L + clock.getLong(8);
        long stamp = realtimeNanos - (realNow - (before + after) / 2);
        return stamp <= after ? stamp : 0;
    }
}
