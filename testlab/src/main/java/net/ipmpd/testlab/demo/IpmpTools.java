package net.ipmpd.testlab.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the operator's tools as a user would: {@code bin/ipmpstat} and {@code bin/if_mpadm} of this checkout, against
 * the daemon's control socket. The socket is a file path, so the tools work from any namespace (the demo runs them
 * from its own).
 */
public final class IpmpTools {
    /** What a tool printed and how it ended. */
    public record Result(String command, int exitCode, List<String> lines) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path home;
    private final Path socket;

    public IpmpTools(Path home, Path socket) {
        this.home = home;
        this.socket = socket;
        for (String tool : List.of("ipmpd", "ipmpstat", "if_mpadm")) {
            if (!Files.isExecutable(home.resolve("bin").resolve(tool))) {
                throw new IllegalStateException("no executable bin/" + tool + " under " + home
                        + "; run from the ipmpd checkout or pass -Dipmpd.home=DIR");
            }
        }
    }

    public Path home() {
        return home;
    }

    public Path socket() {
        return socket;
    }

    /** The daemon's launcher, bin/ipmpd. */
    public String daemonLauncher() {
        return home.resolve("bin/ipmpd").toString();
    }

    public Result ipmpstat(String... options) {
        List<String> argv = new ArrayList<>(List.of("ipmpstat", "--socket", socket.toString()));
        argv.addAll(List.of(options));
        return run(argv);
    }

    public Result ifMpadm(String option, String member) {
        return run(List.of("if_mpadm", "--socket", socket.toString(), option, member));
    }

    private Result run(List<String> argv) {
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, home.resolve("bin").resolve(argv.getFirst()).toString());
        String shown = String.join(" ", argv).replace(socket.toString(), "$SOCK");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(shown, -1, List.of("(no answer within 30 s)"));
            }
            String text = new String(out, StandardCharsets.UTF_8).stripTrailing();
            return new Result(shown, p.exitValue(), text.isEmpty() ? List.of() : List.of(text.split("\n")));
        } catch (IOException e) {
            return new Result(shown, -1, List.of("cannot run: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(shown, -1, List.of("interrupted"));
        }
    }
}
