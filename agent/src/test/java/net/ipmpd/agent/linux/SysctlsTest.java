package net.ipmpd.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a fake /proc/sys tree: what is changed (judged by the value the kernel uses, the
 * member's combined with conf/all's), what is left alone, and what close() keeps and restores.
 */
class SysctlsTest {
    @TempDir
    Path proc;

    private void put(String path, String value) throws IOException {
        Path p = proc.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, value + "\n");
    }

    private String get(String path) throws IOException {
        return Files.readString(proc.resolve(path)).trim();
    }

    /** Whether a group of these members gets multipath routes (two or more). */
    private static boolean groupOf(String... members) {
        return members.length > 1;
    }

    private void memberWithBadValues(String m) throws IOException {
        put("net/ipv4/conf/" + m + "/arp_ignore", "0");
        put("net/ipv4/conf/" + m + "/arp_announce", "0");
        put("net/ipv4/conf/" + m + "/rp_filter", "1");
        put("net/ipv4/conf/" + m + "/arp_filter", "1");
        put("net/ipv4/conf/" + m + "/promote_secondaries", "0");
        put("net/ipv4/conf/" + m + "/ignore_routes_with_linkdown", "0");
        put("net/ipv6/conf/" + m + "/ignore_routes_with_linkdown", "0");
    }

    @Test
    void memberValuesThatBreakFailoverAreFixedAndKeptOnCloseBecauseTheDataAddressesStay() throws IOException {
        memberWithBadValues("h0");
        Sysctls s = new Sysctls(proc);
        s.applyMember("h0");
        assertThat(get("net/ipv4/conf/h0/arp_ignore")).isEqualTo("1");
        assertThat(get("net/ipv4/conf/h0/arp_announce")).isEqualTo("2");
        assertThat(get("net/ipv4/conf/h0/rp_filter")).isEqualTo("2");   // loose, not off
        assertThat(get("net/ipv4/conf/h0/arp_filter")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/h0/promote_secondaries")).isEqualTo("1");
        assertThat(get("net/ipv4/conf/h0/ignore_routes_with_linkdown")).isEqualTo("1");
        assertThat(get("net/ipv6/conf/h0/ignore_routes_with_linkdown")).isEqualTo("1");
        s.close();
        // arp_ignore=0 again would be ARP flux for the data addresses ipmpd leaves in place
        assertThat(get("net/ipv4/conf/h0/arp_ignore")).isEqualTo("1");
        assertThat(get("net/ipv4/conf/h0/arp_announce")).isEqualTo("2");
        assertThat(get("net/ipv4/conf/h0/rp_filter")).isEqualTo("2");
        assertThat(get("net/ipv4/conf/h0/promote_secondaries")).isEqualTo("1");
    }

    @Test
    void valuesThatConfAllAlreadyMakesGoodAreLeftAlone() throws IOException {
        // what the shipped sysctl.d file sets: the kernel takes max(all, member) or (all | member)
        memberWithBadValues("h0");
        put("net/ipv4/conf/h0/arp_filter", "0");
        put("net/ipv4/conf/all/arp_ignore", "1");
        put("net/ipv4/conf/all/arp_announce", "2");
        put("net/ipv4/conf/all/rp_filter", "2");
        put("net/ipv4/conf/all/arp_filter", "0");
        put("net/ipv4/conf/all/promote_secondaries", "1");
        put("net/ipv4/conf/all/ignore_routes_with_linkdown", "1");
        put("net/ipv6/conf/all/ignore_routes_with_linkdown", "1");
        Sysctls s = new Sysctls(proc);
        s.applyMember("h0");
        assertThat(get("net/ipv4/conf/h0/arp_ignore")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/h0/arp_announce")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/h0/rp_filter")).isEqualTo("1");
        assertThat(get("net/ipv4/conf/h0/promote_secondaries")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/h0/ignore_routes_with_linkdown")).isEqualTo("0");
        assertThat(get("net/ipv6/conf/h0/ignore_routes_with_linkdown")).isEqualTo("0");
    }

    @Test
    void goodAdminValuesAreLeftAlone() throws IOException {
        put("net/ipv4/conf/h0/arp_ignore", "2");
        put("net/ipv4/conf/h0/rp_filter", "0");
        put("net/ipv4/conf/all/rp_filter", "2");
        Sysctls s = new Sysctls(proc);
        s.applyMember("h0");
        s.applyHost(groupOf("h0", "h1"));
        assertThat(get("net/ipv4/conf/h0/arp_ignore")).isEqualTo("2");
        assertThat(get("net/ipv4/conf/h0/rp_filter")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/all/rp_filter")).isEqualTo("2");
    }

    @Test
    void theHashPolicyIsSetOnlyForAGroupWithSeveralMembersAndPutBackOnClose() throws IOException {
        put("net/ipv4/fib_multipath_hash_policy", "0");
        put("net/ipv4/conf/all/arp_filter", "1");
        Sysctls s = new Sysctls(proc);
        s.applyHost(groupOf("h0"));
        assertThat(get("net/ipv4/fib_multipath_hash_policy")).as("one member: no multipath route").isEqualTo("0");
        assertThat(get("net/ipv4/conf/all/arp_filter")).isEqualTo("0");
        s.applyHost(groupOf("h0", "h1"));
        s.applyMember("gone0");   // no such interface yet: nothing to do, no error
        assertThat(get("net/ipv4/fib_multipath_hash_policy")).isEqualTo("1");
        assertThat(Files.exists(proc.resolve("net/ipv6/fib_multipath_hash_policy"))).isFalse();
        s.close();
        assertThat(get("net/ipv4/fib_multipath_hash_policy")).isEqualTo("0");
        assertThat(get("net/ipv4/conf/all/arp_filter")).as("kept: it would silence the member holding an address").isEqualTo("0");
    }

    @Test
    void restoreFromAnotherNamespaceThreadIsRefused() throws Exception {
        NamespaceLab.assumeRoot();
        put("net/ipv4/fib_multipath_hash_policy", "0");
        Sysctls s = new Sysctls(proc);
        s.applyHost(groupOf("h0", "h1"));
        try (NamespaceLab lab = new NamespaceLab()) {
            String other = lab.add("x");
            lab.in(other, () -> {
                s.close();
                return null;
            });
        }
        assertThat(get("net/ipv4/fib_multipath_hash_policy")).isEqualTo("1");   // not "restored" from the wrong namespace
        s.close();
        assertThat(get("net/ipv4/fib_multipath_hash_policy")).isEqualTo("0");
    }
}
