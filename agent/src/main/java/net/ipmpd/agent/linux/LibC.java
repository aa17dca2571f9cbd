package net.ipmpd.agent.linux;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The only native calls of the dataplane (jnr-ffi). Everything else (netlink, ARP, ND, ICMP) is
 * encoded and decoded in plain Java, so that this interface is a swap of one class should the
 * project move to FFM. Structs go in as byte arrays packed by {@link SockAddr}; receives go into
 * direct memory (a pinned array would hold a JNI critical region for a whole blocking recv).
 */
public interface LibC {

    int AF_INET = 2;
    int AF_INET6 = 10;
    int AF_NETLINK = 16;
    int AF_PACKET = 17;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int IPPROTO_IP = 0;
    int IPPROTO_ICMP = 1;
    int IPPROTO_IGMP = 2;
    int IPPROTO_IPV6 = 41;
    int IPPROTO_ICMPV6 = 58;
    int SOL_SOCKET = 1;
    int SOL_RAW = 255;
    int SO_RCVBUF = 8;
    int SO_RCVTIMEO = 20;
    int SO_BINDTODEVICE = 25;
    int SO_RCVBUFFORCE = 33;
    /** Stamp each received datagram with the kernel's receive time (struct timespec, CLOCK_REALTIME). */
    int SO_TIMESTAMPNS = 35;
    int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    int CLOCK_REALTIME = 0;
    int IP_OPTIONS = 4;
    int IP_MULTICAST_IF = 32;
    int IP_MULTICAST_TTL = 33;
    int IP_MULTICAST_LOOP = 34;
    /** With a {@code struct ip_mreqn}: joins by interface index, whatever addresses the interface has. */
    int IP_ADD_MEMBERSHIP = 35;
    int IPV6_ADD_MEMBERSHIP = 20;
    int IPV6_HOPOPTS = 54;
    int IPV6_UNICAST_HOPS = 16;
    int IPV6_MULTICAST_IF = 17;
    int IPV6_MULTICAST_HOPS = 18;
    int IPV6_MULTICAST_LOOP = 19;
    int ICMP_FILTER = 1;
    int ICMP6_FILTER = 1;
    int NETLINK_ROUTE = 0;
    int SOL_NETLINK = 270;
    int NETLINK_EXT_ACK = 11;
    int MSG_DONTWAIT = 0x40;
    int MSG_TRUNC = 0x20;
    int POLLIN = 0x1;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;
    long SIOCGIFHWADDR = 0x8927;

    int EINTR = 4;
    int EAGAIN = 11;
    int ENOBUFS = 105;
    int EEXIST = 17;
    int ENODEV = 19;
    int EADDRNOTAVAIL = 99;
    int ESRCH = 3;
    int ENOENT = 2;

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] addr, int addrLen);

    int setsockopt(int fd, int level, int option, @In byte[] value, int valueLen);

    @ssize_t long sendto(int fd, @In byte[] buf, @size_t long len, int flags, @In byte[] addr, int addrLen);

    @ssize_t long recv(int fd, Pointer buf, @size_t long len, int flags);

    @ssize_t long recvfrom(int fd, Pointer buf, @size_t long len, int flags, @Out byte[] addr, @In @Out int[] addrLen);

    @ssize_t long recvmsg(int fd, Pointer msg, int flags);

    int clock_gettime(int clockId, Pointer timespec);

    /** {@code struct pollfd[]}: i32 fd, i16 events, i16 revents per entry. */
    int poll(@In @Out byte[] fds, long nfds, int timeoutMs);

    int close(int fd);

    int if_nametoindex(String name);

    int open(String path, int flags);

    /** Tests only: moves the calling OS thread into another network namespace. */
    int setns(int fd, int nstype);

    String strerror(int errno);

    /** The loaded library; loading generates stubs (~0.7 s), so it happens once per JVM. */
    static LibC get() {
        return Holder.LIBC;
    }

    /** errno of the calling thread's last failed call (jnr saves it after every call). */
    static int errno() {
        return LastError.getLastError(Holder.RUNTIME);
    }

    static Runtime runtime() {
        return Holder.RUNTIME;
    }

    final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

        private Holder() {
        }
    }
}
