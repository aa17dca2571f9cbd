package net.ipmpd.engine.config;

/**
 * Something wrong with a configuration, located by the YANG instance path of the offending node
 * (module ipmp, e.g. {@code /ipmp/group[name='g0']/member[interface='eth0']}) so that the file
 * loader, NETCONF and the CLI all point the operator at the same place.
 */
public record ConfigProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
