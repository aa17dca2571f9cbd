package net.ipmpd.engine.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Addresses as people read them, in logs, paths and tools. */
public final class AddressText {
    private AddressText() {
    }

    /**
     * The numeric form of an address: dotted quad, or RFC 5952 section 4 text for IPv6 (lower
     * case, longest run of two or more zero groups as "::", leftmost on a tie). The scope of a
     * link-local address is left out, as ipmpstat shows it (the interface is in another column).
     */
    public static String of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
