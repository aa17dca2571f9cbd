package net.ipmpd.testlab;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line for a child JVM that runs a main class of this JVM's classpath: the same java binary
 * (ProcessHandle.info of this process) and the same class path (java.class.path; surefire sets it to the real
 * test class path), tuned to start fast and stay small, since lab helpers are tiny and the machine is shared.
 */
public final class JavaCommand {
    private static final List<String> SMALL_JVM = List.of(
            "-Xmx48m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xshare:auto");

    private JavaCommand() {
    }

    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
    }

    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    public static List<String> argv(Class<?> mainClass, List<String> args) {
        return argv(List.of(), mainClass, args);
    }

    /** With extra JVM options (after the defaults, so they win), e.g. -D properties or a larger -Xmx. */
    public static List<String> argv(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        return argvOn(classPath(), jvmOptions, mainClass, args);
    }

    /** On another class path than this JVM's, e.g. only the jars a tool ships with. */
    public static List<String> argvOn(String classPath, List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(javaBinary()));
        argv.addAll(SMALL_JVM);
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", classPath, mainClass.getName()));
        argv.addAll(args);
        return argv;
    }
}
