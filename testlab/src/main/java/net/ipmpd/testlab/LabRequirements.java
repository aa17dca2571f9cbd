package net.ipmpd.testlab;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Whether lab tests can run here, and what to do when they cannot. Root is needed to create network namespaces.
 * A developer without root gets a clean skip; CI (environment variable CI set) must never silently skip the lab, so
 * there the same situation is a failure. Missing tools are always a failure with an install hint.
 */
public final class LabRequirements {
    public static final String NEED_ROOT =
            "lab tests need root to create network namespaces; run as root or via sudo";

    public enum Outcome { RUN, SKIP, FAIL }

    public record Verdict(Outcome outcome, String message) {
    }

    private LabRequirements() {
    }

    /** The decision as a pure function of uid, environment and tool lookup (unit-tested without root). */
    public static Verdict evaluate(int effectiveUid, Map<String, String> env, Predicate<String> toolPresent) {
        if (effectiveUid != 0) {
            if (isCi(env)) {
                return new Verdict(Outcome.FAIL, NEED_ROOT + " (CI is set, so this is a failure, not a skip: CI must"
                        + " run the lab; effective uid is " + effectiveUid + ")");
            }
            return new Verdict(Outcome.SKIP, NEED_ROOT + " (effective uid is " + effectiveUid + ")");
        }
        Set<String> tools = new TreeSet<>(Tools.REQUIRED.keySet());
        Set<String> missing = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        for (String t : tools) {
            if (!toolPresent.test(t)) {
                missing.add(t);
                packages.add(Tools.REQUIRED.get(t));
            }
        }
        if (!missing.isEmpty()) {
            return new Verdict(Outcome.FAIL, "lab tests need " + String.join(", ", tools) + "; missing: "
                    + String.join(", ", missing) + " (looked in " + String.join(":", Tools.searchPath())
                    + "); install: apt-get install -y " + String.join(" ", packages));
        }
        return new Verdict(Outcome.RUN, "root and " + String.join(", ", tools) + " present");
    }

    /** CI counts as set when the variable exists with a value other than empty, "false" or "0". */
    static boolean isCi(Map<String, String> env) {
        String ci = env.get("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    public static Verdict current() {
        return evaluate(ProcStat.effectiveUid(), System.getenv(), t -> Tools.find(t).isPresent());
    }

    /** Prints this machine's verdict; exit 0 run, 1 skip, 2 fail. Handy before a test run, and used by a test. */
    public static void main(String[] args) {
        Verdict v = current();
        System.out.println(v.outcome() + ": " + v.message());
        System.exit(switch (v.outcome()) {
            case RUN -> 0;
            case SKIP -> 1;
            case FAIL -> 2;
        });
    }
}
