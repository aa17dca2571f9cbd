package net.ipmpd.testlab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"198.18.0.10/24", "198.19.255.1/32", "198.18.0.0/15", "2001:2::10/64", "2001:2:0:ff::1/128",
            "2001:2::/48", "fe80::1/64"})
    void labRangesAreAccepted(String cidr) {
        assertThat(LabAddresses.cidr(cidr, "test").text()).isEqualTo(cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/24", "198.20.0.1/24", "192.168.1.1/24", "2001:db8::1/64", "2001:3::1/64",
            "2001:2:1::1/64", "::1/128"})
    void addressesOutsideTheLabRangesAreRefusedNamingThePlace(String cidr) {
        assertThatThrownBy(() -> LabAddresses.cidr(cidr, "member m0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("member m0: '" + cidr + "' is outside the lab ranges");
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.0.0/14", "2001:2::/47", "198.18.0.1/33"})
    void prefixesReachingOutOfTheRangeAreRefused(String cidr) {
        assertThatThrownBy(() -> LabAddresses.cidr(cidr, "t1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/24", "198.18.0.256/24", "198.18.0.1", "198.18.0.1/x", "1:2:3:4:5:6:7:8:9/64"})
    void malformedInputIsRefusedWithoutDnsLookups(String cidr) {
        assertThatThrownBy(() -> LabAddresses.cidr(cidr, "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("c: ");
    }

    @Test
    void bareAddressesAndZones() {
        assertThat(LabAddresses.address("fe80::1%m0", "ping").isLinkLocalAddress()).isTrue();
        assertThat(LabAddresses.cidr("2001:2::10/64", "x").isIpv6()).isTrue();
        assertThat(LabAddresses.cidr("2001:2::10/64", "x").addressText()).isEqualTo("2001:2::10");
    }

    @Test
    void linkScopedMulticastIsAValidDestinationButNotAnAddress() {
        assertThat(LabAddresses.destination("224.0.0.1", "ping").isMulticastAddress()).isTrue();
        assertThat(LabAddresses.destination("ff02::1%m0", "ping").isMulticastAddress()).isTrue();
        assertThatThrownBy(() -> LabAddresses.destination("239.1.1.1", "ping")).hasMessageContaining("outside");
        assertThatThrownBy(() -> LabAddresses.destination("ff0e::1", "ping")).hasMessageContaining("outside");
        assertThatThrownBy(() -> LabAddresses.address("224.0.0.1", "addr")).hasMessageContaining("outside");
    }
}
