package net.ipmpd.testlab;

/**
 * A whole lab run in its own JVM, for tests that kill that JVM: starts a lab, spawns a long sleep in it, prints
 * {@code up <runId> <sleep pid> <namespaces>} and waits (bounded) to be killed.
 */
public final class LabRunInChildJvm {
    private LabRunInChildJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.start(LabSpec.standard(1, 1));
        LabProcess sleeper = lab.spawn(lab.ns("t1"), "sleep", "120");
        System.out.println("up " + lab.runId() + " " + sleeper.pid() + " " + String.join(",", lab.namespaces()));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
