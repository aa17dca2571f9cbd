package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One lock per network namespace, released with its holder. */
class NamespaceLockTest {
    @Test
    void aSecondLockInTheSameNamespaceIsRefusedNamingTheHolderAndAnotherNamespaceIsFree() throws Exception {
        NamespaceLab.assumeRoot();
        try (NamespaceLab lab = new NamespaceLab()) {
            String a = lab.add("a");
            String b = lab.add("b");
            NamespaceLock first = lab.in(a, NamespaceLock::acquire);
            assertThatThrownBy(() -> lab.in(a, NamespaceLock::acquire)).isInstanceOf(NamespaceLock.HeldElsewhere.class)
                    .hasMessageContaining("another ipmpd runs in this network namespace")
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
            NamespaceLock other = lab.in(b, NamespaceLock::acquire);
            other.close();
            first.close();
            lab.in(a, NamespaceLock::acquire).close();   // released by close (and by the kernel when a holder dies)
        }
    }

    @Test
    void theAbstractAddressHasALeadingNulAndNoTerminator() {
        byte[] a = NamespaceLock.abstractAddress("x");
        assertThat(a).containsExactly(1, 0, 0, 'x');
    }

    @Test
    void theHoldersInodeIsFoundInProcNetUnix() {
        List<String> lines = List.of(
                "Num       RefCount Protocol Flags    Type St Inode Path",
                "0000000000000000: 00000002 00000000 00010000 0001 01 21345 /run/ipmpd/ipmpd.sock",
                "0000000000000000: 00000002 00000000 00010000 0001 01 99887 @net.ipmpd.daemon");
        assertThat(NamespaceLock.inodeOf(lines, "@net.ipmpd.daemon")).contains("99887");
        assertThat(NamespaceLock.inodeOf(lines, "@other")).isEmpty();
    }
}
