package net.ipmpd.engine.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One IPMP group: interfaces on one IP link that back each other up.
 *
 * @param name the group name (in.mpathd: the non-empty IPMP group name)
 * @param failureDetectionTimeMs a per-group FAILURE_DETECTION_TIME; empty means the global one
 * @param members the member interfaces, in configuration order (that order breaks ties)
 * @param dataAddresses the addresses that applications use; they move between members
 * @param staticTargets probe targets chosen by the operator; when present they are used before
 *        routers and multicast discovery (Solaris admins pin targets with host routes)
 */
public record GroupConfig(
        String name,
        OptionalLong failureDetectionTimeMs,
        List<MemberConfig> members,
        List<DataAddressConfig> dataAddresses,
        List<InetAddress> staticTargets) {

    public GroupConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failureDetectionTimeMs, "failureDetectionTimeMs");
        members = List.copyOf(members);
        dataAddresses = List.copyOf(dataAddresses);
        staticTargets = List.copyOf(staticTargets);
    }

    public GroupConfig(String name, List<MemberConfig> members, List<DataAddressConfig> dataAddresses) {
        this(name, OptionalLong.empty(), members, dataAddresses, List.of());
    }

    public GroupConfig withMembers(List<MemberConfig> newMembers) {
        return new GroupConfig(name, failureDetectionTimeMs, newMembers, dataAddresses, staticTargets);
    }

    public GroupConfig withDataAddresses(List<DataAddressConfig> newAddresses) {
        return new GroupConfig(name, failureDetectionTimeMs, members, newAddresses, staticTargets);
    }

    public GroupConfig withStaticTargets(List<InetAddress> targets) {
        return new GroupConfig(name, failureDetectionTimeMs, members, dataAddresses, targets);
    }

    public GroupConfig withFailureDetectionTimeMs(OptionalLong fdt) {
        return new GroupConfig(name, fdt, members, dataAddresses, staticTargets);
    }
}
