package net.ipmpd.agent.netconf;

/** The NETCONF settings file is unusable; the message names the file and line. */
public final class NetconfSettingsException extends Exception {
    public NetconfSettingsException(String message) {
        super(message);
    }
}
