/**
 * The management interfaces proved against the real daemon in a namespace lab (issues 4 and 5): the managers run in
 * the lab's host namespace, where ipmpd's SNMP agent and NETCONF server listen on 127.0.0.1.
 * <ul>
 *   <li>{@link net.ipmpd.testlab.mgmt.SnmpTrapsLabTest}: net-snmp's snmptrapd, with IPMP-MIB loaded by name,
 *       receives each IPMP-MIB notification and IF-MIB linkDown/linkUp for the real fault that causes it (carrier
 *       loss, switch-port failure, if_mpadm -d/-r, a whole group failing), as v2c trap and v3 inform; snmpwalk of the
 *       IPMP-MIB tables matches ipmpstat.</li>
 *   <li>{@link net.ipmpd.testlab.mgmt.NetconfLabTest}: ncclient's get matches ipmpstat; a subscriber gets
 *       interface-failed and address-moved for a carrier loss; an edit-config + commit adding a member and moving a
 *       data address reaches the kernel within one probe interval and survives a daemon restart.</li>
 * </ul>
 * Run as root: {@code mvn -B -o -pl testlab -am test -Dtest='net.ipmpd.testlab.mgmt.**'
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures (fault to trap, commit to kernel) are printed at WARN.
 */
package net.ipmpd.testlab.mgmt;
