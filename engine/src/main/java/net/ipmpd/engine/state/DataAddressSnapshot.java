package net.ipmpd.engine.state;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A data address and where it lives now.
 *
 * @param currentMember the member holding it; empty only before the first placement
 * @param up true when the member holding it is usable (ipmpstat -a STATE up/down)
 */
public record DataAddressSnapshot(
        InetAddress address,
        int prefixLength,
        String homeMember,
        Optional<String> currentMember,
        boolean up) {
}
