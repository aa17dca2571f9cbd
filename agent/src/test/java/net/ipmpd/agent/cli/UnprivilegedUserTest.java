package net.ipmpd.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.ipmpd.agent.control.ControlServer;
import net.ipmpd.testkit.FakeIpmpService;
import net.ipmpd.agent.control.SampleSnapshot;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tools run as user nobody (setpriv) against a server run by root: queries work, offline
 * and the probe stream are refused with Solaris's messages and the daemon logs in.mpathd's line.
 * Needs root to change user, as the lab tests do.
 */
@Timeout(60)
class UnprivilegedUserTest {
    private final FakeIpmpService ipmp = new FakeIpmpService(SampleSnapshot.sample());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Path dir;
    private ControlServer server;
    private AbstractAppender appender;

    @BeforeEach
    void start() throws Exception {
        assumeTrue("root".equals(Files.getOwner(Path.of("/proc/self")).getName()), "needs root to run a tool as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // A directory nobody can enter (0755 under /tmp): @TempDir would be 0700.
        dir = Files.createTempDirectory(Path.of("/tmp"), "ipmpd-cli-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                log.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        // every level, so the test sees which one the daemon chose (log4j's default shows only errors)
        org.apache.logging.log4j.core.config.Configurator.setLevel("net.ipmpd.agent.control.Connection",
                org.apache.logging.log4j.Level.ALL);
        ((Logger) LogManager.getLogger("net.ipmpd.agent.control.Connection")).addAppender(appender);
        server = new ControlServer(dir.resolve("ipmpd.sock"), ipmp);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            ((Logger) LogManager.getLogger("net.ipmpd.agent.control.Connection")).removeAppender(appender);
            try (var tree = Files.walk(dir)) {
                for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private record Result(int status, String out, String err) {
    }

    /** Runs a tool's main class in a new JVM as nobody:nogroup. */
    private Result asNobody(Class<?> tool, String... args) throws Exception {
        List<Path> own = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                // the project's own classes: target/classes in a test run, module jars in a verify run
                .filter(p -> p.contains(File.separator + "target" + File.separator))
                .map(Path::of).toList();
        String classpath = readableByNobody(own).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath, tool.getName(),
                "--socket", server.socket().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tool finished").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Copies of the class path entries under the 0755 directory: the checkout itself may sit
     * where nobody cannot enter (a clone in a 0700 mktemp directory).
     */
    private List<Path> readableByNobody(List<Path> entries) throws Exception {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Path from = entries.get(i);
            Path to = dir.resolve("cp" + i + (Files.isDirectory(from) ? "" : ".jar"));
            try (var tree = Files.walk(from)) {
                for (Path p : (Iterable<Path>) tree::iterator) {
                    Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            copies.add(to);
        }
        return copies;
    }

    @Test
    void anyUserMayQuery() throws Exception {
        Result r = asNobody(Ipmpstat.class, "-gP", "-o", "groupname,state");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("g0:degraded\ng1:degraded\n:ok\n");
    }

    @Test
    void offlineByAnUnprivilegedUserIsRefusedAndLoggedAsInMpathdDoes() throws Exception {
        Result r = asNobody(IfMpadm.class, "-d", "net1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("if_mpadm: fatal: cannot offline net1: permission denied\n");
        assertThat(ipmp.commands).isEmpty();
        assertThat(log).containsExactly("WARN Unprivileged request from user nobody for privileged command offline on net1");
    }

    @Test
    void theProbeStreamNeedsPrivilegesAsIpmpstatPDoes() throws Exception {
        Result r = asNobody(Ipmpstat.class, "-p");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ipmpstat: insufficient privileges for -p\n");
        assertThat(ipmp.listenerCount()).isZero();
        // a user's ipmpstat -p is no fault of the daemon: nothing at ERROR or WARN (issue 11)
        assertThat(log).containsExactly("INFO Unprivileged request from user nobody for privileged command probe-stream");
    }
}
