package net.ipmpd.engine.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The semantic rules of a configuration that a schema cannot state (or that yangtools does not
 * check: must, leafref, unique). Every source of configuration runs these before anything is
 * applied, so an invalid configuration never reaches the engine.
 */
public final class ConfigValidator {
    private static final int IFNAMSIZ = 16;   // Linux: names are at most 15 bytes plus NUL

    private ConfigValidator() {
    }

    public static List<ConfigProblem> validate(EngineConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> groupNames = new HashSet<>();
        Map<String, String> groupOfInterface = new HashMap<>();
        Map<InetAddress, ConfigLocation> ownerOfAddress = new HashMap<>();
        for (GroupConfig group : config.groups()) {
            ConfigLocation gp = ConfigLocation.group(group.name());
            if (group.name().isEmpty()) {
                problems.add(new ConfigProblem(gp, "a group name must not be empty"));
            }
            if (!groupNames.add(group.name())) {
                problems.add(new ConfigProblem(gp, ConfigProblem.Kind.DUPLICATE, "group '" + group.name() + "' is defined twice"));
            }
            group.failureDetectionTimeMs().ifPresent(fdt -> {
                if (fdt < EngineConfig.MIN_FDT_MS) {
                    problems.add(new ConfigProblem(gp.child("failure-detection-time"),
                            "failure detection time " + fdt + " ms is below the minimum of " + EngineConfig.MIN_FDT_MS + " ms"));
                }
            });
            if (group.members().isEmpty()) {
                // ipmp.yang: member has min-elements 1
                problems.add(new ConfigProblem(gp, ConfigProblem.Kind.TOO_FEW_ELEMENTS, "group '" + group.name() + "' has no member interfaces"));
            }
            Set<String> memberNames = new HashSet<>();
            for (MemberConfig m : group.members()) {
                ConfigLocation mp = gp.entry("member", "interface", m.interfaceName());
                validateInterfaceName(m.interfaceName(), mp, problems);
                if (!memberNames.add(m.interfaceName())) {
                    problems.add(new ConfigProblem(mp, ConfigProblem.Kind.DUPLICATE, "interface " + m.interfaceName() + " is listed twice in group " + group.name()));
                }
                String other = groupOfInterface.putIfAbsent(m.interfaceName(), group.name());
                if (other != null && !other.equals(group.name())) {
                    problems.add(new ConfigProblem(mp, "interface " + m.interfaceName() + " is already a member of group " + other));
                }
                m.ipv4Test().ifPresent(t -> {
                    if (t.family() != Family.IPV4) {
                        problems.add(new ConfigProblem(mp.child("ipv4-test-address"), t.address().getHostAddress() + " is not an IPv4 address"));
                    }
                    claim(ownerOfAddress, t.address(), mp.child("ipv4-test-address"), problems);
                });
                m.ipv6Test().ifPresent(t -> {
                    if (t.family() != Family.IPV6) {
                        problems.add(new ConfigProblem(mp.child("ipv6-test-address"), t.address().getHostAddress() + " is not an IPv6 address"));
                    } else if (!t.isIpv6LinkLocal()) {
                        // in.mpathd(8): IPv6 test addresses must be link-local; others are ignored.
                        problems.add(new ConfigProblem(mp.child("ipv6-test-address"),
                                t.address().getHostAddress() + " is not link-local; IPv6 test addresses must be link-local (fe80::/10)"));
                    }
                    claim(ownerOfAddress, t.address(), mp.child("ipv6-test-address"), problems);
                });
            }
            Set<InetAddress> dataSeen = new HashSet<>();
            for (DataAddressConfig d : group.dataAddresses()) {
                ConfigLocation dp = ConfigLocation.dataAddress(group.name(), d.address());
                if (!dataSeen.add(d.address())) {
                    problems.add(new ConfigProblem(dp, ConfigProblem.Kind.DUPLICATE, "data address " + d.address().getHostAddress() + " is listed twice"));
                }
                if (!memberNames.contains(d.homeMember())) {
                    problems.add(new ConfigProblem(dp.child("home-member"),
                            "home member " + d.homeMember() + " is not a member of group " + group.name()));
                }
                if (d.address().isAnyLocalAddress() || d.address().isMulticastAddress() || d.address().isLoopbackAddress()) {
                    problems.add(new ConfigProblem(dp, d.address().getHostAddress() + " cannot be a data address"));
                }
                if (d.family() == Family.IPV6 && d.address().isLinkLocalAddress()) {
                    // in.mpathd: IPv6 link-local addresses never fail over; they belong to one NIC.
                    problems.add(new ConfigProblem(dp, "an IPv6 link-local address cannot be a data address; link-local addresses stay on their interface"));
                }
                claim(ownerOfAddress, d.address(), dp, problems);
            }
            Set<InetAddress> targetsSeen = new HashSet<>();
            for (InetAddress t : group.staticTargets()) {
                ConfigLocation tp = ConfigLocation.staticTarget(group.name(), t);
                if (!targetsSeen.add(t)) {
                    problems.add(new ConfigProblem(tp, ConfigProblem.Kind.DUPLICATE, "static target " + t.getHostAddress() + " is listed twice"));
                }
                if (ownerOfAddress.containsKey(t)) {
                    problems.add(new ConfigProblem(tp, "static target " + t.getHostAddress() + " is one of this host's own addresses"));
                }
                if (t.isMulticastAddress() || t.isAnyLocalAddress()) {
                    problems.add(new ConfigProblem(tp, "static target " + t.getHostAddress() + " must be a unicast address"));
                }
            }
        }
        return problems;
    }

    private static void claim(Map<InetAddress, ConfigLocation> owners, InetAddress address, ConfigLocation path, List<ConfigProblem> problems) {
        ConfigLocation previous = owners.putIfAbsent(address, path);
        if (previous != null) {
            problems.add(new ConfigProblem(path, address.getHostAddress() + " is already used at " + previous));
        }
    }

    private static void validateInterfaceName(String name, ConfigLocation path, List<ConfigProblem> problems) {
        if (name.isEmpty() || name.length() >= IFNAMSIZ || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':' || c > 126)) {
            problems.add(new ConfigProblem(path, "'" + name + "' is not a valid Linux interface name (1-15 characters, no '/', ':' or spaces)"));
        }
    }
}
