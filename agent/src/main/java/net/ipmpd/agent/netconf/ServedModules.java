package net.ipmpd.agent.netconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.ipmpd.yang.IpmpSchema;

/**
 * The YANG modules this server announces in its hello and serves with get-schema (RFC 6022):
 * the ipmp module with its imports, and the IETF modules of the protocol features we implement,
 * read from the IETF model jars on the class path (the texts are the RFCs', redistributable).
 */
final class ServedModules {
    /**
     * A module.
     *
     * @param implemented false for modules served only because another imports them (RFC 8525
     *        import-only-module: ietf-netconf-acm, ietf-datastores); we hold no data of theirs
     */
    record Module(String name, String revision, String namespace, String text, boolean implemented) {
        /** The capability URI of RFC 6020 section 5.6.4 ({@code ns?module=name&revision=rev}). */
        String capability() {
            return namespace + "?module=" + name + "&revision=" + revision;
        }
    }

    static final String MONITORING_NS = "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring";
    static final String NOTIFICATIONS_NS = "urn:ietf:params:xml:ns:yang:ietf-netconf-notifications";
    static final String YANG_LIBRARY_NS = "urn:ietf:params:xml:ns:yang:ietf-yang-library";
    static final String DATASTORES_NS = "urn:ietf:params:xml:ns:yang:ietf-datastores";

    private final List<Module> modules;

    private ServedModules(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    static ServedModules of(IpmpSchema schema) {
        List<Module> all = new ArrayList<>();
        schema.modules().forEach(m -> all.add(new Module(m.name(), m.revision().toString(), m.namespace(), m.text(), true)));
        all.add(classpath("ietf-netconf-monitoring", "2010-10-04", MONITORING_NS, true));
        all.add(classpath("ietf-netconf-notifications", "2012-02-06", NOTIFICATIONS_NS, true));
        all.add(classpath("ietf-yang-library", "2019-01-04", YANG_LIBRARY_NS, true));
        // the base protocol's own module, and what the IETF modules above import
        all.add(classpath("ietf-netconf", "2011-06-01", "urn:ietf:params:xml:ns:netconf:base:1.0", true));
        all.add(classpath("ietf-netconf-acm", "2018-02-14", "urn:ietf:params:xml:ns:yang:ietf-netconf-acm", false));
        all.add(classpath("ietf-datastores", "2018-02-14", DATASTORES_NS, false));
        return new ServedModules(all);
    }

    private static Module classpath(String name, String revision, String namespace, boolean implemented) {
        String resource = "/META-INF/yang/" + name + "@" + revision + ".yang";
        try (InputStream in = ServedModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the YANG module " + name + "@" + revision + " is not on the class path");
            }
            return new Module(name, revision, namespace, new String(in.readAllBytes(), StandardCharsets.UTF_8), implemented);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Module> all() {
        return modules;
    }

    /**
     * RFC 8525 content-id: changes whenever the set of modules changes (a hash of names and
     * revisions), so a client can cache the library.
     */
    String contentId() {
        StringBuilder b = new StringBuilder();
        modules.forEach(m -> b.append(m.name()).append('@').append(m.revision()).append(m.implemented() ? '+' : '-'));
        return Integer.toHexString(b.toString().hashCode());
    }

    /** get-schema's lookup: by name, and by revision when one is given (RFC 6022 section 3.1). */
    List<Module> find(String name, Optional<String> revision) {
        return modules.stream()
                .filter(m -> m.name().equals(name))
                .filter(m -> revision.isEmpty() || revision.get().isEmpty() || m.revision().equals(revision.get()))
                .toList();
    }
}
