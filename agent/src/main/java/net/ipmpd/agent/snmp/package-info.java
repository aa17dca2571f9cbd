/**
 * ipmpd's SNMP agent (snmp4j-agent): SNMPv2-MIB, the IF-MIB rows of the member interfaces and
 * IPMP-MIB (mib/src/main/mib/IPMP-MIB.txt), read live from the engine's snapshot; SETs of the
 * member admin state and the global tunables sent to the engine as commands; engine
 * notifications sent as traps or informs.
 *
 * <h2>Wiring from the daemon</h2>
 * <pre>
 * SnmpSettings settings = SnmpSettingsParser.parse(Path.of(snmpConfigOption));  // --snmp-config
 * SnmpAgentService snmp = new SnmpAgentService(settings, ipmpService);
 * snmp.start();     // binds UDP, sends coldStart, subscribes to notifications
 * ...
 * snmp.close();     // sends what the rate limiter still holds, unsubscribes, unbinds
 * </pre>
 * {@link net.ipmpd.agent.snmp.SnmpSettingsParser.SettingsException} messages name file:line and
 * never contain a pass phrase.
 *
 * <h2>Design</h2>
 * <ul>
 * <li>{@link net.ipmpd.agent.snmp.LiveTable}: a managed object whose rows are computed from the
 *     latest snapshot at request time (a scalar group is a table with one row, index 0). Only the
 *     sorted row index of one snapshot is kept, rebuilt when the snapshot changes.</li>
 * <li>{@link net.ipmpd.agent.snmp.IpmpMib}, {@link net.ipmpd.agent.snmp.IpmpMibRows},
 *     {@link net.ipmpd.agent.snmp.MibCodes}: IPMP-MIB's objects, indexes and enumerations.</li>
 * <li>{@link net.ipmpd.agent.snmp.IfMib}: ifNumber, ifTable and ifXTable rows of present
 *     members, with the kernel's facts about each link ({@link net.ipmpd.agent.snmp.LinkFacts},
 *     sysfs, cached for a second by {@link net.ipmpd.agent.snmp.LinkFactsCache}).</li>
 * <li>{@link net.ipmpd.agent.snmp.MemberAdminWriter}, {@link net.ipmpd.agent.snmp.TunablesWriter}:
 *     the SET side (inconsistentValue in prepare for the min-redundancy rule, commitFailed when
 *     the engine refuses, undoFailed when it does not answer within 2 s).</li>
 * <li>{@link net.ipmpd.agent.snmp.NotificationMapper}, {@link net.ipmpd.agent.snmp.NotificationThrottle}:
 *     notifications to traps, rate-limited per member, group and data address, the latest state
 *     always sent.</li>
 * <li>{@link net.ipmpd.agent.snmp.NotificationQueue}, {@link net.ipmpd.agent.snmp.InformsWithoutWaiting}:
 *     every notification (authenticationFailure included) leaves through a bounded queue and a
 *     thread of its own; informs are never waited for; authenticationFailure once a second.</li>
 * <li>{@link net.ipmpd.agent.snmp.AuthoritativeUsm}: usmStatsUnknownEngineIDs for requests to an
 *     engine that is not this agent.</li>
 * <li>{@link net.ipmpd.agent.snmp.SecurityConfigurator}: USM (SHA-2, AES, authPriv only), VACM
 *     views, read-only communities with source networks, notification targets.</li>
 * <li>{@link net.ipmpd.agent.snmp.EngineState}: engine ID and boots, the only state on disk.</li>
 * </ul>
 */
package net.ipmpd.agent.snmp;
