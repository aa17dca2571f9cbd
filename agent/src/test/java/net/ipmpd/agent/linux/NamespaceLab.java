package net.ipmpd.agent.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Root integration tests' lab: network namespaces named {@code ipl<pid36>dp<n>-<role>} (the pid
 * lets a later run delete them only when their creator is dead), veths created inside the
 * namespaces, and a thread that has entered a namespace with setns() so that the dataplane's
 * sockets (and /proc/sys/net) belong to it. Never touches the root namespace.
 */
final class NamespaceLab implements AutoCloseable {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Pattern OURS = Pattern.compile("ipl([0-9a-z]+)dp\\d+-\\w+");
    private final String prefix;
    private final List<String> created = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();

    /** Skips the test (only) when not root: namespaces and raw sockets need it. */
    static void assumeRoot() {
        long euid = effectiveUid();
        assumeTrue(euid == 0, "needs root (network namespaces, CAP_NET_ADMIN, CAP_NET_RAW); skipped: effective uid is " + euid);
    }

    /** The effective uid from /proc/self/status ("Uid: real effective saved fs"). */
    static long effectiveUid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    NamespaceLab() throws IOException, InterruptedException {
        removeStale();
        prefix = "ipl" + Long.toString(ProcessHandle.current().pid(), 36) + "dp" + RUN.incrementAndGet();
    }

    String add(String role) throws IOException, InterruptedException {
        String ns = prefix + "-" + role;
        ip("netns", "add", ns);
        created.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** Runs {@code ip args...}; fails the test with ip's message when it fails. */
    static String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** A single thread living in {@code ns}; everything the dataplane opens from it stays there. */
    ExecutorService thread(String ns) {
        ExecutorService e = Executors.newSingleThreadExecutor(r -> new Thread(() -> {
            enter(ns);
            r.run();
        }, "lab-" + ns));
        threads.add(e);
        return e;
    }

    <T> T in(String ns, Callable<T> task) throws Exception {
        return on(thread(ns), task);
    }

    /** Runs {@code task} on a namespace thread and returns its result, rethrowing its failure. */
    static <T> T on(ExecutorService thread, Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Runs {@code ip netns exec ns cmd...} (for /proc/sys reads and pings from a peer). */
    static String exec(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        return run(c);
    }

    static void enter(String ns) {
        LibC libc = LibC.get();
        int fd = libc.open("/run/netns/" + ns, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException(NativeException.lastError("open /run/netns/" + ns));
        }
        try {
            if (libc.setns(fd, LibC.CLONE_NEWNET) != 0) {
                throw new IllegalStateException(NativeException.lastError("setns " + ns));
            }
        } finally {
            libc.close(fd);
        }
    }

    /** Deletes lab namespaces of earlier runs whose JVM is gone (never another live run's). */
    private static void removeStale() throws IOException, InterruptedException {
        for (String line : ip("netns", "list").split("\n")) {
            String name = line.split(" ")[0].trim();
            Matcher m = OURS.matcher(name);
            if (m.matches()) {
                long pid = Long.parseLong(m.group(1), 36);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                ip("netns", "del", name);
            }
        }
    }

    @Override
    public void close() {
        threads.forEach(ExecutorService::shutdownNow);
        for (String ns : created) {
            try {
                ip("netns", "del", ns);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
