package net.ipmpd.agent.netconf;

import java.time.Duration;
import java.util.List;
import org.opendaylight.netconf.shaded.sshd.common.NamedResource;
import org.opendaylight.netconf.shaded.sshd.common.compression.BuiltinCompressions;
import org.opendaylight.netconf.shaded.sshd.core.CoreModuleProperties;
import org.opendaylight.netconf.shaded.sshd.server.ServerFactoryManager;

/**
 * The SSH server's algorithms and login limits. SHA-1 goes everywhere it is still offered by
 * default (MACs, key exchange, the ssh-rsa signature), and compression only starts after
 * authentication (zlib@openssh.com): plain zlib would let an unauthenticated peer make the
 * server inflate data (OpenSSH has done the same since 2016).
 */
final class SshPolicy {
    /** OpenSSH's MaxAuthTries default; SSHD counts every request after the first. */
    static final int MAX_AUTH_REQUESTS = 6;
    /** OpenSSH's LoginGraceTime is 120 s; a NETCONF manager logs in within seconds. */
    static final Duration LOGIN_GRACE = Duration.ofSeconds(30);

    private SshPolicy() {
    }

    static void apply(ServerFactoryManager factory) {
        factory.setMacFactories(withoutSha1(factory.getMacFactories()));
        factory.setKeyExchangeFactories(withoutSha1(factory.getKeyExchangeFactories()));
        factory.setSignatureFactories(factory.getSignatureFactories().stream()
                .filter(s -> !s.getName().equals("ssh-rsa") && !s.getName().equals("ssh-dss")).toList());
        factory.setCipherFactories(factory.getCipherFactories().stream()
                .filter(c -> !c.getName().contains("cbc") && !c.getName().contains("arcfour")
                        && !c.getName().contains("3des") && !c.getName().contains("blowfish")).toList());
        factory.setCompressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.delayedZlib));
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(factory, MAX_AUTH_REQUESTS);
        CoreModuleProperties.AUTH_TIMEOUT.set(factory, LOGIN_GRACE);
    }

    private static <T extends NamedResource> List<T> withoutSha1(List<T> offered) {
        return offered.stream().filter(f -> !f.getName().contains("sha1")).toList();
    }
}
