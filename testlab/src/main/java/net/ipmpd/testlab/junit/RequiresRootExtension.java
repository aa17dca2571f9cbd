package net.ipmpd.testlab.junit;

import net.ipmpd.testlab.LabRequirements;
import net.ipmpd.testlab.LabRequirements.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * The JUnit side of {@link LabRequirements}: SKIP becomes an aborted test (reported as skipped with the message),
 * FAIL an error. Runs before @BeforeAll, so a class's lab is never started when it cannot run.
 */
public final class RequiresRootExtension implements BeforeAllCallback, BeforeEachCallback {
    private final Supplier<Verdict> verdict;

    public RequiresRootExtension() {
        this(LabRequirements::current);
    }

    /** For checking the reporting with a given verdict (registered with @RegisterExtension). */
    public RequiresRootExtension(Supplier<Verdict> verdict) {
        this.verdict = verdict;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        apply(verdict.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        apply(verdict.get());
    }

    /** For tests that do not use the annotation: call first thing (Lab.assumeRoot() does). */
    public static void assumeLabAvailable() {
        apply(LabRequirements.current());
    }

    static void apply(Verdict v) {
        switch (v.outcome()) {
            case RUN -> {
            }
            case SKIP -> Assumptions.abort(v.message());
            case FAIL -> throw new AssertionError(v.message());
        }
    }
}
