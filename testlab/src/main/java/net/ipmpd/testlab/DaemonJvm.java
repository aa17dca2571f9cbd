package net.ipmpd.testlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the real daemon with bin/ipmpd's JVM options. The child JVM reads them itself from
 * the checkout's java argument files ({@code bin/jvm/daemon.options}, and {@code bin/jvm/jdk24.options} on JDK 24
 * and newer, as bin/launch-env.sh does), so the lab keeps no second copy that could drift: a lab daemon runs with
 * the heap, GC, JIT and native-access settings operators get, and prints no JDK warning they would not see.
 * Unlike {@link JavaCommand}, no small-JVM tuning of the lab's helpers is added.
 */
public final class DaemonJvm {
    private static final Path OPTIONS = Path.of("bin", "jvm", "daemon.options");

    private DaemonJvm() {
    }

    /** The java @argument files of bin/ipmpd for the JDK this lab runs its children with (the lab's own). */
    public static List<String> options() {
        Path jvm = home().resolve(OPTIONS).getParent();
        List<String> options = new ArrayList<>(List.of("@" + jvm.resolve("daemon.options")));
        if (Runtime.version().feature() >= 24) {
            options.add("@" + jvm.resolve("jdk24.options"));
        }
        return options;
    }

    /** java, bin/ipmpd's options, then extraJvm (later options win, e.g. a test's -Xmx), the class path, main, args. */
    public static List<String> argv(List<String> extraJvm, Class<?> mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(JavaCommand.javaBinary()));
        argv.addAll(options());
        argv.addAll(extraJvm);
        argv.addAll(List.of("-cp", JavaCommand.classPath(), mainClass.getName()));
        argv.addAll(args);
        return argv;
    }

    /** The checkout: -Dipmpd.home, else the nearest directory above the working directory that has bin/jvm. */
    static Path home() {
        String property = System.getProperty("ipmpd.home");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(OPTIONS))) {
                return d;
            }
        }
        throw new LabException("no " + OPTIONS + " in the working directory or above it; run from the ipmpd checkout"
                + " or pass -Dipmpd.home=DIR");
    }
}
