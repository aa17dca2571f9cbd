package net.ipmpd.testlab;

import java.util.Set;

/**
 * One neighbour (ARP / NDP) entry as `ip -j neigh` reports it.
 *
 * @param lladdr the link-layer address, or null while unresolved (INCOMPLETE, FAILED)
 * @param states NUD states ("REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "PERMANENT", ...)
 * @param router the IPv6 router flag (from NA with R set)
 */
public record Neighbour(String address, String lladdr, Set<String> states, boolean router) {
    public Neighbour {
        states = Set.copyOf(states);
    }
}
