package net.ipmpd.agent.snmp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** Instance index encoding of RFC 2578 7.7 for the index types IPMP-MIB uses. */
final class Indexes {
    /** InetAddressType (RFC 4001). */
    static final int IPV4 = 1;
    static final int IPV6 = 2;

    private Indexes() {
    }

    /** A string index component (not IMPLIED): its length, then one sub-identifier per octet. */
    static void string(IndexBuilder b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.add(bytes.length);
        for (byte x : bytes) {
            b.add(x & 0xff);
        }
    }

    /** InetAddressType then InetAddress (length-prefixed octets). */
    static void address(IndexBuilder b, InetAddress a) {
        byte[] bytes = a.getAddress();
        b.add(addressType(a));
        b.add(bytes.length);
        for (byte x : bytes) {
            b.add(x & 0xff);
        }
    }

    static int addressType(InetAddress a) {
        return a instanceof Inet4Address ? IPV4 : IPV6;
    }

    static Integer32 addressTypeValue(InetAddress a) {
        return new Integer32(addressType(a));
    }

    static OctetString addressValue(InetAddress a) {
        return new OctetString(a.getAddress());
    }

    static OctetString text(String s) {
        return new OctetString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Builds one index OID without boxing. */
    static final class IndexBuilder {
        private int[] v = new int[32];
        private int n;

        IndexBuilder add(int x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
            return this;
        }

        OID build() {
            return new OID(v, 0, n);
        }
    }

    static IndexBuilder builder() {
        return new IndexBuilder();
    }
}
