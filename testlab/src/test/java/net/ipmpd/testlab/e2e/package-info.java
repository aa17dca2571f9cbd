/**
 * End-to-end scenarios of issue 3: the real daemon ({@link net.ipmpd.agent.IpmpDaemon}) in a network-namespace lab
 * ({@link net.ipmpd.testlab.Lab}), driven by real faults (a switch port down or blocked, a dead target, a deleted
 * NIC) and real operator tools (ipmpstat, if_mpadm in their own JVMs), observed through the control socket, the
 * kernel (addresses, the client's neighbour table) and the daemon's event log.
 *
 * <p>Each test builds its own lab (about 0.5 s) and starts its own daemon with its own configuration file
 * ({@link net.ipmpd.testlab.e2e.ConfigJson}, written atomically into a JUnit temp dir), so the scenarios stay
 * independent; see {@link net.ipmpd.testlab.e2e.DaemonFixture}. Members start without addresses: the daemon plumbs
 * the test addresses and places the data addresses, as on a freshly booted host. The failure detection time is
 * 1 s, so probe scenarios take seconds (targets answer at once, which ends the 40 s quiet period with the first
 * reply).
 *
 * <table>
 *   <caption>Scenarios</caption>
 *   <tr><th>issue 3</th><th>test</th></tr>
 *   <tr><td>1 link failure, GARP</td><td>{@link net.ipmpd.testlab.e2e.LinkFailoverTest}</td></tr>
 *   <tr><td>2 blocked port within the FDT, 3 failback / FAILBACK=no</td>
 *       <td>{@link net.ipmpd.testlab.e2e.ProbeFailoverAndFailbackTest}</td></tr>
 *   <tr><td>4 standby</td><td>{@link net.ipmpd.testlab.e2e.StandbyTest}</td></tr>
 *   <tr><td>5 offline/online, refused last offline</td><td>{@link net.ipmpd.testlab.e2e.OfflineOnlineTest}</td></tr>
 *   <tr><td>6 group failure keeps the address</td><td>{@link net.ipmpd.testlab.e2e.GroupFailureTest}</td></tr>
 *   <tr><td>7 IPv6, unsolicited NA</td><td>{@link net.ipmpd.testlab.e2e.Ipv6FailoverTest}</td></tr>
 *   <tr><td>8 dead multicast target</td><td>{@link net.ipmpd.testlab.e2e.TargetReplacementTest}</td></tr>
 *   <tr><td>9 restart mid-outage</td><td>{@link net.ipmpd.testlab.e2e.DaemonRestartTest}</td></tr>
 *   <tr><td>10 TCP flows survive</td><td>{@link net.ipmpd.testlab.e2e.TcpFlowsSurviveTest}</td></tr>
 *   <tr><td>SIGHUP reload</td><td>{@link net.ipmpd.testlab.e2e.ReloadTest}</td></tr>
 *   <tr><td>beyond the list</td><td>{@link net.ipmpd.testlab.e2e.HotRemovalTest},
 *       {@link net.ipmpd.testlab.e2e.FlapDampingTest}, {@link net.ipmpd.testlab.e2e.MissingAtBootTest},
 *       {@link net.ipmpd.testlab.e2e.TwoGroupsTest}, {@link net.ipmpd.testlab.e2e.DualFamilyProbingTest}</td></tr>
 * </table>
 *
 * <p>Run (as root): {@code mvn -B -o -pl testlab -am test -Dtest='net.ipmpd.testlab.e2e.**'
 * -Dsurefire.failIfNoSpecifiedTests=false}. Measured figures are logged at WARN ("scenario N: ..."); every daemon's
 * log is kept in testlab/target/e2e-daemon-logs/; {@code -De2e.ipmpd.logLevel=trace} adds every probe.
 */
package net.ipmpd.testlab.e2e;
