package net.ipmpd.testlab.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * The demo's console: every line goes out at once (flushed), stamped with the seconds since the demo started, so
 * that the reader sees the story as it happens and can read the timings off the margin. Lines of different
 * threads (the daemon's log, the stages) never interleave within a block.
 */
public final class DemoOutput {
    private final PrintStream out;
    private final long startNanos;
    private int section;

    public DemoOutput(PrintStream out) {
        this.out = out;
        this.startNanos = System.nanoTime();
    }

    private String stamp() {
        return String.format("[%6.2fs] ", (System.nanoTime() - startNanos) / 1e9);
    }

    public synchronized void say(String text) {
        for (String line : text.split("\n", -1)) {
            out.println(stamp() + line);
        }
        out.flush();
    }

    /** A line from another actor, e.g. "ipmpd | ..." for the daemon's log. */
    public synchronized void from(String who, String line) {
        out.println(stamp() + who + " | " + line);
        out.flush();
    }

    /** A numbered section header, with a blank line before it. */
    public synchronized void section(String title) {
        section++;
        out.println();
        out.println(stamp() + "==== " + section + ". " + title + " " + "=".repeat(Math.max(3, 70 - title.length())));
        out.flush();
    }

    /** A block of command output, indented under the command line, printed as one piece. */
    public synchronized void block(String command, List<String> lines) {
        out.println(stamp() + "$ " + command);
        for (String l : lines) {
            out.println("           " + l);
        }
        out.flush();
    }
}
