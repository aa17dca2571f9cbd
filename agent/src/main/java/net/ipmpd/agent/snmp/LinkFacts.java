package net.ipmpd.agent.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What IF-MIB needs to know about a member link that ipmpd's engine does not: its type, MTU,
 * speed, hardware address, flags and the kernel's link statistics (64-bit, the same numbers as
 * IFLA_STATS64), read from sysfs ({@code /sys/class/net/NAME/}) of the daemon's network namespace.
 * Read-only; never writes to the kernel. A value the kernel does not give (speed of a link that
 * is down, a missing statistics file on an old kernel) is -1.
 *
 * @param arpType ARPHRD_* of {@code type} (1 = Ethernet)
 * @param physical true when the link has a device behind it ({@code device} link: a NIC, not veth
 *     or a bridge)
 */
record LinkFacts(int arpType, int mtu, long speedMbps, byte[] address, long flags, boolean physical,
                 long rxBytes, long rxPackets, long rxMulticast, long rxErrors, long rxDropped, long rxNoHandler,
                 long txBytes, long txPackets, long txErrors, long txDropped) {
    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_LOOPBACK = 772;
    static final long IFF_PROMISC = 0x100;

    /** The link's facts, or empty when it does not exist (any more) in this namespace. */
    static Optional<LinkFacts> read(Path sysClassNet, String name) {
        Path dir = sysClassNet.resolve(name);
        if (name.isEmpty() || name.contains("/") || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path stats = dir.resolve("statistics");
        return Optional.of(new LinkFacts((int) number(dir.resolve("type")), (int) number(dir.resolve("mtu")),
                number(dir.resolve("speed")), address(dir.resolve("address")), number(dir.resolve("flags")),
                Files.exists(dir.resolve("device")),
                number(stats.resolve("rx_bytes")), number(stats.resolve("rx_packets")),
                number(stats.resolve("multicast")), number(stats.resolve("rx_errors")),
                number(stats.resolve("rx_dropped")), number(stats.resolve("rx_nohandler")),
                number(stats.resolve("tx_bytes")), number(stats.resolve("tx_packets")),
                number(stats.resolve("tx_errors")), number(stats.resolve("tx_dropped"))));
    }

    /** A decimal or 0x-hex number file, or -1 (no such file; EINVAL, as speed gives for a link that is down). */
    private static long number(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** "aa:bb:cc:dd:ee:ff" to its bytes; empty for a link without an address. */
    private static byte[] address(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? new byte[0] : HexFormat.ofDelimiter(":").parseHex(s);
        } catch (IOException | IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
