package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a change's requester is named from the netlink port the kernel stamped on its event. */
class RequesterTest {
    private final Requester requester = new Requester(pid -> Optional.ofNullable(Map.of(4242, "ip", 77, "NetworkManager").get(pid)));

    @Test
    void aProcessesFirstSocketIsItsPidAndIsNamedByItsCommand() {
        assertThat(requester.describe(4242, false)).isEqualTo("pid 4242 (ip)");
        assertThat(requester.describe(77, true)).isEqualTo("pid 77 (NetworkManager)");
    }

    @Test
    void aPortOfNoLivingProcessOrAKernelChosenPortIsAnotherProcess() {
        assertThat(requester.describe(5000, false)).isEqualTo("another process (port 5000)");
        assertThat(requester.describe(-559038737, false)).isEqualTo("another process (port 3735928559)");
    }

    @Test
    void portZeroIsTheKernelExceptForIpv6AddressesWhoseEventsNameNobody() {
        assertThat(requester.describe(0, false)).isEqualTo("the kernel");
        assertThat(requester.describe(0, true)).startsWith("someone the kernel does not name");
    }

    @Test
    void theRealProcCommNamesThisProcess() {
        int self = (int) ProcessHandle.current().pid();
        assertThat(new Requester().describe(self, false)).startsWith("pid " + self + " (").endsWith(")");
    }
}
