package net.ipmpd.agent.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collection;

/**
 * What {@link MulticastNominees} asks of the kernel, behind one interface so that its
 * bookkeeping (retries, re-announcements, surviving any failure) is tested without root and
 * without touching the test machine's own namespace.
 */
interface MulticastKernel {

    /** The memberships every interface holds now (IPv4 and IPv6). */
    GroupMemberships memberships();

    /** Joins {@code group} on {@code ifname} by interface index; closing the result leaves it. */
    Membership join(String ifname, InetAddress group) throws IOException;

    /** Sends unsolicited membership reports for {@code groups} (one family) from {@code ifname}. */
    void report(String ifname, Collection<InetAddress> groups) throws IOException;

    /** Applies an nftables script; false (and logged) if nft refused it or is missing. */
    boolean nft(String script);

    /** One membership held by ipmpd. */
    interface Membership {
        /** Leaves the group. */
        void leave() throws IOException;
    }
}
