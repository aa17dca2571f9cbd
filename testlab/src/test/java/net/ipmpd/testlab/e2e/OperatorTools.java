package net.ipmpd.testlab.e2e;

import net.ipmpd.agent.cli.IfMpadm;
import net.ipmpd.agent.cli.Ipmpstat;
import net.ipmpd.testlab.JavaCommand;
import net.ipmpd.testlab.LabException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ipmpstat and if_mpadm as an operator runs them: their real main classes in a JVM of their own (so their exit
 * status and messages are the tools', not a test double's), against the daemon's control socket, on the class
 * path the tools ship with (the tools module and the engine, nothing of the daemon's libraries).
 */
public final class OperatorTools {
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }

    private static final String TOOLS_CLASS_PATH = codeSource(Ipmpstat.class) + java.io.File.pathSeparator
            + codeSource(net.ipmpd.engine.state.EngineSnapshot.class);

    private final Path socket;

    public OperatorTools(Path socket) {
        this.socket = socket;
    }

    public Result ipmpstat(String... args) {
        List<String> a = new ArrayList<>(List.of("--socket", socket.toString()));
        a.addAll(List.of(args));
        return run(Ipmpstat.class, a);
    }

    public Result ifMpadm(String... args) {
        List<String> a = new ArrayList<>(List.of("--socket", socket.toString()));
        a.addAll(List.of(args));
        return run(IfMpadm.class, a);
    }

    /** `ipmpstat -P -o FIELDS -MODE` as rows of fields (parsable output separates fields with ':'). */
    public List<List<String>> parsable(String mode, String fields) {
        Result r = ipmpstat("-P", "-o", fields, mode);
        if (r.exitCode() != 0) {
            throw new LabException("ipmpstat " + mode + " failed: " + r);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(List.of(line.split("(?<!\\\\):", -1)));
            }
        }
        return rows;
    }

    private static Result run(Class<?> main, List<String> args) {
        try {
            Process p = new ProcessBuilder(JavaCommand.argvOn(TOOLS_CLASS_PATH, List.of(), main, args)).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException(main.getSimpleName() + " " + args + " did not finish within 20 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
