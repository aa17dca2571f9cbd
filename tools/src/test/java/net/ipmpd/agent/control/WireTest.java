package net.ipmpd.agent.control;

import static net.ipmpd.agent.control.SampleSnapshot.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.Random;
import java.util.regex.Pattern;
import net.ipmpd.engine.state.MemberFlag;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void ipv6IsWrittenAsRfc5952Text() {
        assertThat(Wire.address(ip("2001:2:0:0:0:0:0:1"))).isEqualTo("2001:2::1");
        assertThat(Wire.address(ip("::1"))).isEqualTo("::1");
        assertThat(Wire.address(ip("::"))).isEqualTo("::");
        assertThat(Wire.address(ip("fe80:0:0:0:0:0:0:0"))).isEqualTo("fe80::");
        // Longest run wins; leftmost on a tie; a single zero group is not shortened (RFC 5952 4.2).
        assertThat(Wire.address(ip("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(Wire.address(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Wire.address(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Wire.address(ip("2001:DB8::ABCD"))).isEqualTo("2001:db8::abcd");
        assertThat(Wire.address(ip("198.18.0.1"))).isEqualTo("198.18.0.1");
    }

    @Test
    void theScopeOfALinkLocalAddressIsLeftOut() throws Exception {
        Inet6Address scoped = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 7);
        assertThat(Wire.address(scoped)).isEqualTo("fe80::1");
    }

    @Test
    void parsingAcceptsNumericAddressesOnlyAndNeverResolvesANames() {
        assertThat(Wire.parseAddress("198.18.0.1", "x")).isEqualTo(ip("198.18.0.1"));
        assertThat(Wire.parseAddress("2001:2::1", "x")).isEqualTo(ip("2001:2::1"));
        assertThat(Wire.parseAddress("::ffff:198.18.0.1", "x")).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> Wire.parseAddress("localhost", "request.target"))
                .hasMessage("request.target: \"localhost\" is not a numeric IP address");
        assertThatThrownBy(() -> Wire.parseAddress("198.18.0.256", "x")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Wire.parseAddress("fe80::1%eth0", "x")).hasMessageContaining("not a plain IPv6");
        assertThatThrownBy(() -> Wire.parseAddress("2001:::1", "x")).hasMessageContaining("not an IP address");
    }

    @Test
    void enumsTravelAsLowerCaseHyphenatedWords() {
        assertThat(Wire.enumToWire(MemberFlag.IPV4_MULTICAST_NOMINEE)).isEqualTo("ipv4-multicast-nominee");
        assertThat(Wire.enumFromWire("ipv4-multicast-nominee", MemberFlag.class, "x"))
                .isEqualTo(MemberFlag.IPV4_MULTICAST_NOMINEE);
        assertThatThrownBy(() -> Wire.enumFromWire("IPV4_MULTICAST_NOMINEE", MemberFlag.class, "m.flags[0]"))
                .hasMessage("m.flags[0]: unknown value \"IPV4_MULTICAST_NOMINEE\" for MemberFlag");
    }

    @Test
    void aDottedQuadIsWhatTheRegularExpressionItReplacedMatched() {
        Pattern regex = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        String[] cases = {"1.2.3.4", "198.18.0.255", "999.999.999.999", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3",
            "1.2.3.", "1234.1.1.1", "1.2.3.4444", "", "....", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4", "01.002.3.0"};
        for (String c : cases) {
            assertThat(Wire.dottedQuad(c)).as(c).isEqualTo(regex.matcher(c).matches());
        }
        Random random = new Random(7);
        char[] alphabet = "0123456789.x".toCharArray();
        for (int i = 0; i < 200_000; i++) {
            char[] text = new char[random.nextInt(17)];
            for (int k = 0; k < text.length; k++) {
                text[k] = alphabet[random.nextInt(random.nextBoolean() ? 10 : alphabet.length)];
            }
            String c = new String(text);
            assertThat(Wire.dottedQuad(c)).as(c).isEqualTo(regex.matcher(c).matches());
        }
    }
}
