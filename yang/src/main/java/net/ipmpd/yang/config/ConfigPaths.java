package net.ipmpd.yang.config;

import java.net.InetAddress;

/** YANG instance paths of configuration nodes, spelled as the engine's ConfigValidator spells them. */
final class ConfigPaths {
    static final String ROOT = "/ipmp";
    static final String DAMPING = ROOT + "/flap-damping";

    private ConfigPaths() {
    }

    static String group(String name) {
        return ROOT + "/group[name=" + YangValues.quote(name) + "]";
    }

    static String member(String group, String member) {
        return group(group) + "/member[interface=" + YangValues.quote(member) + "]";
    }

    static String dataAddress(String group, InetAddress address) {
        return group(group) + "/data-address[address=" + YangValues.quote(address.getHostAddress()) + "]";
    }
}
