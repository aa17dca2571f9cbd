/**
 * The Linux dataplane of ipmpd: what in.mpathd does with routing sockets, DLPI and ICMP, done
 * with rtnetlink, AF_PACKET and raw ICMP/ICMPv6 sockets.
 *
 * <p>Use: on a thread of the network namespace to manage (a daemon's main thread),
 * {@code var dp = new LinuxDataplane(engineInbox::add); dp.start();} then hand every engine
 * {@code Action} to {@link net.ipmpd.agent.linux.LinuxDataplane#execute} from the engine thread,
 * and {@code close()} at exit (the host-wide sysctl restored; addresses and routes stay). The
 * dataplane keeps no configuration: the actions carry everything, and it decides nothing about
 * addresses; it reports what the kernel holds ({@code AddressesObserved}) and the engine decides.
 *
 * <p>Layout: {@link net.ipmpd.agent.linux.LibC} holds every native call (jnr-ffi);
 * {@code netlink} and {@code packet} are pure codecs, unit-tested with byte arrays; the rest are
 * the transports: {@link net.ipmpd.agent.linux.KernelMonitor} (links, addresses, routers),
 * {@link net.ipmpd.agent.linux.AddressOps}, {@link net.ipmpd.agent.linux.Announcer} (gratuitous
 * ARP / unsolicited NA), {@link net.ipmpd.agent.linux.Prober}, {@link net.ipmpd.agent.linux.OutboundRoutes}
 * and {@link net.ipmpd.agent.linux.Sysctls}.
 */
package net.ipmpd.agent.linux;
