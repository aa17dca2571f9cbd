package net.ipmpd.testlab.junit;

import net.ipmpd.testlab.LabRequirements.Outcome;
import net.ipmpd.testlab.LabRequirements.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs fixture classes under the extension and checks what JUnit reports: skipped, failed or run. */
class RequiresRootExtensionTest {
    static final AtomicReference<Verdict> VERDICT = new AtomicReference<>();
    static final List<String> RAN = new ArrayList<>();

    /** Not picked up by surefire (nested classes are excluded); run only through the launcher below. */
    static class Fixture {
        @RegisterExtension
        static RequiresRootExtension root = new RequiresRootExtension(VERDICT::get);

        /** Where a lab test builds its lab: must not run when the lab cannot. */
        @BeforeAll
        static void startLab() {
            RAN.add("beforeAll");
        }

        @Test
        void labTest() {
            RAN.add("labTest");
        }
    }

    private record Outcomes(List<String> skipped, List<String> failed, List<String> succeeded) {
    }

    private static Outcomes run(Verdict v) {
        VERDICT.set(v);
        RAN.clear();
        List<String> skipped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> succeeded = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request().selectors(selectClass(Fixture.class)).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (!id.isContainer() || id.getUniqueId().contains("class:")) {
                    String what = id.getDisplayName() + ": " + r.getThrowable().map(Throwable::getMessage).orElse("");
                    switch (r.getStatus()) {
                        case ABORTED -> skipped.add(what);
                        case FAILED -> failed.add(what);
                        case SUCCESSFUL -> succeeded.add(what);
                    }
                }
            }
        });
        return new Outcomes(skipped, failed, succeeded);
    }

    @Test
    void skipVerdictIsReportedAsSkippedWithItsMessage() {
        Outcomes o = run(new Verdict(Outcome.SKIP,
                "lab tests need root to create network namespaces; run as root or via sudo"));
        assertThat(o.skipped()).singleElement().asString()
                .contains("lab tests need root to create network namespaces; run as root or via sudo");
        assertThat(o.failed()).isEmpty();
        assertThat(RAN).isEmpty();
    }

    @Test
    void failVerdictIsReportedAsAFailure() {
        Outcomes o = run(new Verdict(Outcome.FAIL, "lab tests need root (CI is set)"));
        assertThat(o.failed()).singleElement().asString().contains("CI is set");
        assertThat(RAN).isEmpty();
    }

    @Test
    void runVerdictRunsTheTest() {
        Outcomes o = run(new Verdict(Outcome.RUN, "ok"));
        assertThat(o.failed()).isEmpty();
        assertThat(o.skipped()).isEmpty();
        assertThat(RAN).containsExactly("beforeAll", "labTest");
    }
}
