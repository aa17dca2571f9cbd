package net.ipmpd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import net.ipmpd.engine.Engine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The modules' boundaries (issue 10), read from the checkout's sources, poms and the engine's classes: the
 * engine's core is its own business, the operator tools carry nothing of the daemon's libraries, and the
 * adapters sit around the engine, never between each other (STYLE.md).
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    /** Spelled in two pieces so that this file does not name the package it forbids. */
    private static final String CORE = "net.ipmpd.engine" + ".core";
    /** The adapters of STYLE.md that live in agent (and, for the control socket's codec, in tools). */
    private static final List<String> ADAPTERS = List.of("snmp", "netconf", "control", "linux");
    /** What the tools' small JVM may load: the JDK, the engine's API and the tools' own packages. */
    private static final Pattern TOOLS_MAY_IMPORT = Pattern.compile(
            "(java|javax|jdk)\\..*|net\\.ipmpd\\.engine\\.(?!core\\b).*|net\\.ipmpd\\.agent\\.(cli|control|history)\\b.*");

    @Test
    void nothingOutsideTheEngineModuleUsesTheEnginesCore() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : modules()) {
            if (!module.equals("engine")) {
                for (Path f : javaFiles(ROOT.resolve(module).resolve("src"))) {
                    if (code(f).contains(CORE)) {
                        offenders.add(ROOT.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("files outside engine/ that use %s (use the engine's API instead)", CORE).isEmpty();
    }

    @Test
    void theEnginesPublicApiShowsNoCoreType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : engineApiClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    checkTypes(c.getName() + "." + m.getName() + "()", leaks, m.getGenericReturnType());
                    checkTypes(c.getName() + "." + m.getName() + "()", leaks, m.getGenericParameterTypes());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    checkTypes(c.getName() + " constructor", leaks, k.getGenericParameterTypes());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    checkTypes(c.getName() + "." + f.getName(), leaks, f.getGenericType());
                }
            }
            if (c.isRecord()) {
                for (RecordComponent r : c.getRecordComponents()) {
                    checkTypes(c.getName() + "." + r.getName(), leaks, r.getGenericType());
                }
            }
        }
        assertThat(leaks).as("public engine API members whose types come from %s", CORE).isEmpty();
    }

    @Test
    void theToolsDependOnTheEngineOnlyAndTheEngineOnNothing() throws Exception {
        assertThat(runtimeDependencies("tools")).as("tools/pom.xml: ipmpstat and if_mpadm start a small JVM;"
                + " nothing of ODL, log4j, snmp4j, netty or jnr may come on their class path")
                .containsExactly("net.ipmpd:ipmpd-engine");
        assertThat(runtimeDependencies("engine")).as("engine/pom.xml: the engine is JDK only").isEmpty();
    }

    @Test
    void theToolsImportOnlyTheJdkTheEngineApiAndThemselves() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : javaFiles(ROOT.resolve("tools/src/main/java"))) {
            for (String imported : imports(f)) {
                if (!TOOLS_MAY_IMPORT.matcher(imported).matches()) {
                    offenders.add(ROOT.relativize(f) + ": " + imported);
                }
            }
        }
        assertThat(offenders).as("imports in tools/ beyond the JDK, the engine's API and the tools").isEmpty();
    }

    @Test
    void adaptersDoNotUseEachOther() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String adapter : ADAPTERS) {
            for (String module : List.of("agent", "tools")) {
                for (Path f : javaFiles(ROOT.resolve(module + "/src/main/java/net/ipmpd/agent/" + adapter))) {
                    String code = code(f);
                    for (String other : ADAPTERS) {
                        if (!other.equals(adapter) && Pattern.compile("net\\.ipmpd\\.agent\\." + other + "\\b").matcher(code).find()) {
                            offenders.add(ROOT.relativize(f) + " uses " + other);
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("adapters reach the engine's API, never another adapter (IpmpDaemon wires them)").isEmpty();
    }

    private static final Pattern CODEC_MAY_IMPORT = Pattern.compile("java\\.nio\\.(ByteBuffer|ByteOrder|charset\\..*)"
            + "|java\\.net\\.(Inet[46]?Address|UnknownHostException)|java\\.util\\.(?!concurrent\\b).*");

    @Test
    void linuxNetlinkHoldsCodecsOnly() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : javaFiles(ROOT.resolve("agent/src/main/java/net/ipmpd/agent/linux/netlink"))) {
            for (String imported : imports(f)) {
                // bytes in, messages out: no native calls, no sockets, no threads
                if (!CODEC_MAY_IMPORT.matcher(imported).matches()) {
                    offenders.add(ROOT.relativize(f) + ": " + imported);
                }
            }
        }
        assertThat(offenders).as("agent/linux/netlink holds codecs only; sockets and monitors belong in agent/linux").isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkTypes(String where, List<String> leaks, Type... types) {
        for (Type t : types) {
            // the generic signature names every type argument too (List<core.X>)
            if (t.getTypeName().contains(CORE + ".")) {
                leaks.add(where + ": " + t.getTypeName());
            }
        }
    }

    /** The public classes of the engine's API packages (every package of the engine but core). */
    private static List<Class<?>> engineApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        // engine/target/classes, or the engine's jar when the reactor has packaged it
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> s = Files.walk(jar == null ? location : jar.getPath("/"))) {
            Path classes = jar == null ? location : jar.getPath("/");
            for (Path p : s.filter(x -> x.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(CORE + ".") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        assertThat(out).as("engine API classes found").extracting(Class::getName).contains(Engine.class.getName());
        return out;
    }

    private static List<String> modules() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        assertThat(out).as("modules of %s/pom.xml", ROOT).contains("engine", "tools", "agent");
        return out;
    }

    /** groupId:artifactId of a module's dependencies that are on its runtime class path (not test, not provided). */
    private static List<String> runtimeDependencies(String module) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile())
                .getDocumentElement();
        List<String> out = new ArrayList<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element deps && deps.getTagName().equals("dependencies")) {
                var list = deps.getElementsByTagName("dependency");
                for (int i = 0; i < list.getLength(); i++) {
                    Element d = (Element) list.item(i);
                    String scope = text(d, "scope");
                    if (!scope.equals("test") && !scope.equals("provided")) {
                        out.add(text(d, "groupId") + ":" + text(d, "artifactId"));
                    }
                }
            }
        }
        return out;
    }

    private static String text(Element e, String tag) {
        var l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> imports(Path f) throws IOException {
        Matcher m = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)").matcher(code(f));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A source file without its comments: a mention in prose is not a dependency. */
    private static String code(Path f) throws IOException {
        return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }
}
