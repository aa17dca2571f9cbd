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
 * <li>FLAGS has Solaris's seven letters with in.mpathd's meanings: {@code d} is "no UP address",
 *     which on Linux means the interface does not exist (missing at boot or removed); {@code h}
 *     is a member offlined because another member of its group has its hardware address (as
 *     in.mpathd does). A member held out by ipmpd's flap damper shows only in -j
 *     ({@code "flapping"}).</li>
 * <li>PROBE is {@code failed} for every failed member whatever detected the failure (in.mpathd's
 *     ifprobestate()), and {@code unknown} for a member whose interface does not exist.</li>
 * <li>-a STATE is whether the address is up: once placed, a data address stays up, also while its
 *     group has failed; INBOUND and OUTBOUND are then empty, as on Solaris.</li>
 * <li>MODE can be {@code static}: targets the operator configured.</li>
 * <li>Addresses are always numeric; -n is accepted. IPv6 is RFC 5952 text without scope.</li>
 * <li>-p TIME is when the probe started (Solaris's IPMP_PROBE_START_TIME) for an answered probe;
 *     for a lost one, ipmpd's probe report carries no start, so TIME is when it was judged lost.
 *     Its default fields are those that fit in 80 columns as ofmt computes them, so RTTAVG is
 *     shown and RTTDEV is not (the man page says both are hidden; the code shows RTTAVG).</li>
 * <li>-t TARGETS lists the targets in use in the engine's order (Solaris starts at the next one
 *     to be probed; ipmpd's snapshot does not say which that is).</li>
 * <li>-r (ipmpd's own mode; Solaris keeps routes on the IPMP interface and needs none): the
 *     routes ipmpd keeps through each group, DESTINATION ("default" as ip-route(8) says), GATEWAY,
 *     METRIC, GROUP, ORIGIN ({@code created}: a data subnet's route; {@code followed}: a route that
 *     was there) and INTERFACES, the members the route goes out through now.</li>
 * <li>-j / --json: JSON instead of a table (an array of rows, or one object per probe), with
 *     typed values: numbers with their unit in the key ({@code fdt-ms}, {@code rtt-us},
 *     {@code time-ms}), booleans ({@code active}, {@code lost}), arrays ({@code outbound},
 *     {@code targets}, {@code flags} as words), {@code interfaces} as active/inactive/unusable
 *     arrays, null for an empty field; and fields only JSON has: counters ({@code failures},
 *     {@code repairs}, {@code failovers}, {@code flaps}, probe counts), {@code last-change} (an
 *     ISO-8601 UTC time), {@code last-cause}, {@code presence}. All fields unless -o. The
 *     parsable format (-P -o) is Solaris's and has none of these.</li>
 * </ul>
 */
package net.ipmpd.agent.cli;
