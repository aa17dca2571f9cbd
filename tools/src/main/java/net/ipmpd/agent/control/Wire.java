package net.ipmpd.agent.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import net.ipmpd.engine.config.AddressText;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How values look on the control socket and in ipmpstat: enumerations as lower-case hyphenated
 * words, addresses as numeric text (RFC 5952 for IPv6). Parsing never resolves a name: a
 * control message must not make ipmpd or ipmpstat wait for DNS.
 */
public final class Wire {
    private Wire() {
    }

    public static String enumToWire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E enumFromWire(String text, Class<E> type, String where) {
        for (E e : type.getEnumConstants()) {
            if (enumToWire(e).equals(text)) {
                return e;
            }
        }
        throw new ProtocolException(where + ": unknown value \"" + text + "\" for " + type.getSimpleName());
    }

    /** The numeric form of an address (RFC 5952 for IPv6), as ipmpstat prints it. */
    public static String address(InetAddress address) {
        return AddressText.of(address);
    }

    /** Parses a numeric IPv4 or IPv6 address; never looks up a name. */
    public static InetAddress parseAddress(String text, String where) {
        boolean v6 = text.indexOf(':') >= 0;
        if (!v6 && !dottedQuad(text)) {
            throw new ProtocolException(where + ": \"" + text + "\" is not a numeric IP address");
        }
        if (v6 && (text.indexOf('%') >= 0 || text.indexOf('[') >= 0)) {
            throw new ProtocolException(where + ": \"" + text + "\" is not a plain IPv6 address");
        }
        if (!v6) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new ProtocolException(where + ": \"" + text + "\" is not an IPv4 address");
                }
            }
        }
        try {
            // A literal containing ':' or a dotted quad is parsed by the JDK without a lookup.
            InetAddress a = InetAddress.getByName(text);
            if (v6 != (a instanceof Inet6Address)) {
                // "::ffff:1.2.3.4" comes back as IPv4; keep the family the sender meant.
                return v6 ? Inet6Address.getByAddress(null, v6Mapped(a), null) : a;
            }
            return a;
        } catch (UnknownHostException e) {
            throw new ProtocolException(where + ": \"" + text + "\" is not an IP address");
        }
    }

    /**
     * Four groups of one to three ASCII digits separated by dots (the regular expression
     * {@code \d{1,3}(\.\d{1,3}){3}}, without java.util.regex: ipmpstat starts faster without it).
     */
    static boolean dottedQuad(String text) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }

    private static byte[] v6Mapped(InetAddress v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, out, 12, 4);
        return out;
    }
}
