package net.ipmpd.testlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The few root-namespace operations the lab needs: list, add and delete named network namespaces. Nothing else. */
public final class Netns {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Netns() {
    }

    /** Names of all named network namespaces (`ip -j netns list`). */
    public static Set<String> list() {
        ExecResult r = ProcessRunner.run(List.of(Tools.require("ip"), "-j", "netns", "list"), TIMEOUT, null).orThrow();
        Set<String> names = new TreeSet<>();
        if (r.stdout().isBlank()) {
            return names;
        }
        for (Object o : Json.array(Json.parse(r.stdout()), "ip -j netns list")) {
            Object name = Json.object(o, "ip -j netns list").get("name");
            if (name instanceof String s) {
                names.add(s);
            }
        }
        return names;
    }

    static void add(Collection<String> names) {
        batch("add", names, false);
    }

    /** Deletes the namespaces that exist; returns the ones that still exist afterwards. */
    static List<String> delete(Collection<String> names) {
        Set<String> existing = list();
        List<String> present = new ArrayList<>();
        for (String n : names) {
            if (existing.contains(n)) {
                present.add(n);
            }
        }
        if (!present.isEmpty()) {
            batch("del", present, true);
        }
        Set<String> after = list();
        List<String> left = new ArrayList<>();
        for (String n : present) {
            if (after.contains(n)) {
                left.add(n);
            }
        }
        return left;
    }

    private static void batch(String verb, Collection<String> names, boolean force) {
        StringBuilder script = new StringBuilder();
        for (String n : names) {
            script.append("netns ").append(verb).append(' ').append(n).append('\n');
        }
        List<String> argv = new ArrayList<>(List.of(Tools.require("ip")));
        if (force) {
            argv.add("-force");   // keep deleting the rest when one is already gone
        }
        argv.addAll(List.of("-batch", "-"));
        ExecResult r = ProcessRunner.run(argv, TIMEOUT, script.toString());
        if (!r.ok() && !force) {
            throw new LabException("cannot " + verb + " namespaces " + names + ": " + r.describeFailure());
        }
    }
}
