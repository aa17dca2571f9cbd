package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboundRoutesTest {
    @Test
    void probeIdentifiersDifferPerMemberAndFitSixteenBits() {
        assertThat(ProbeSocket.identifier(0x12345, 2)).isNotEqualTo(ProbeSocket.identifier(0x12345, 3)).isBetween(0, 0xffff);
        assertThat(ProbeSocket.identifier(0x12345, 2)).isNotEqualTo(ProbeSocket.identifier(0x12346, 2));
    }
}
