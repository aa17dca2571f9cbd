/**
 * The operator tools, as on Solaris: {@code ipmpstat} (IPMP status) and {@code if_mpadm}
 * (offline/online a member), talking to ipmpd over its control socket ({@code --socket PATH},
 * else {@code $IPMPD_SOCKET}, else {@code /run/ipmpd/ipmpd.sock}).
 *
 * <p>ipmpstat follows illumos ipmpstat.c and ofmt: the same modes (-a -g -i -p -t, exactly one
 * required), fields, widths, order, human and parsable (-P) formats, -o selection and messages;
 * exit status 0, or 1 for every error including usage errors (Solaris's usage() exits with
 * EXIT_FAILURE). Where Linux or ipmpd differ:
 * <ul>
 * <li>There is no IPMP interface: GROUP and GROUPNAME both show the group name.</li>
 * <li>FLAGS has an eighth letter, {@code f}: held out of service by ipmpd's flap damper.
 *     {@code d} means the interface does not exist (not present or removed); {@code h}
 *     (duplicate hardware address) is never set.</li>
 * <li>MODE can be {@code static}: targets the operator configured.</li>
 * <li>Addresses are always numeric; -n is accepted. IPv6 is RFC 5952 text without scope.</li>
 * <li>-p TIME is when the engine completed the probe (not when it was sent). Its default fields
 *     are those that fit in 80 columns as ofmt computes them, so RTTAVG is shown and RTTDEV is
 *     not (the man page says both are hidden; the code shows RTTAVG).</li>
 * <li>-j / --json: JSON instead of a table (an array of rows, or one object per probe), keyed by
 *     the lower-case field name, null for an empty field; all fields unless -o.</li>
 * </ul>
 */
package net.ipmpd.agent.cli;
