package net.ipmpd.yang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendaylight.yangtools.yang.common.Revision;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.source.SourceIdentifier;
import org.opendaylight.yangtools.yang.model.spi.source.StringYangTextSource;
import org.opendaylight.yangtools.yang.parser.api.YangParser;
import org.opendaylight.yangtools.yang.parser.api.YangParserException;
import org.opendaylight.yangtools.yang.parser.impl.DefaultYangParserFactory;

/**
 * The ipmp YANG module and the IETF modules it imports, parsed once into a yangtools
 * {@link EffectiveModelContext}. The module texts are kept because NETCONF's get-schema
 * (RFC 6022) serves them verbatim and the hello lists them as capabilities.
 *
 * <p>Parsing costs about a second cold (ANTLR warm-up), so {@link #shared()} parses once per JVM;
 * the result is immutable and safe to share between threads.
 */
public final class IpmpSchema {
    /** The resource folder holding the module files, named {@code name@revision.yang}. */
    public static final String RESOURCE_DIR = "/yang/";

    /** Every module file, the ipmp module last; imports first keeps the parse order readable. */
    static final List<String> FILES = List.of(
            "ietf-inet-types@2013-07-15.yang",
            "ietf-yang-types@2013-07-15.yang",
            "ipmp@2026-12-06.yang");

    /** One module as get-schema serves it. */
    public record ModuleSource(String name, Revision revision, String namespace, String text) {
        /** The file name RFC 6020 section 5.2 recommends, {@code name@revision.yang}. */
        public String fileName() {
            return name + "@" + revision + ".yang";
        }
    }

    private static volatile IpmpSchema shared;

    private final EffectiveModelContext context;
    private final List<ModuleSource> modules;

    private IpmpSchema(EffectiveModelContext context, List<ModuleSource> modules) {
        this.context = context;
        this.modules = List.copyOf(modules);
    }

    /** The schema, parsed on first use. */
    public static IpmpSchema shared() {
        IpmpSchema s = shared;
        if (s == null) {
            synchronized (IpmpSchema.class) {
                s = shared;
                if (s == null) {
                    s = load();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** Parses the bundled modules anew. A failure here is a build defect, hence unchecked. */
    public static IpmpSchema load() {
        YangParser parser = new DefaultYangParserFactory().createParser();
        List<ModuleSource> sources = new ArrayList<>();
        try {
            for (String file : FILES) {
                String text = readResource(file);
                SourceIdentifier id = SourceIdentifier.ofYangFileName(file);
                parser.addSource(new StringYangTextSource(id, text, file));
                sources.add(new ModuleSource(id.name().getLocalName(), id.revision(), "", text));
            }
            EffectiveModelContext ctx = parser.buildEffectiveModel();
            List<ModuleSource> withNamespaces = sources.stream()
                    .map(m -> new ModuleSource(m.name(), m.revision(),
                            ctx.findModules(m.name()).stream()
                                    .filter(mod -> mod.getRevision().equals(Optional.of(m.revision())))
                                    .findFirst().orElseThrow(() -> new IllegalStateException(
                                            "module " + m.fileName() + " was parsed but is not in the schema context"))
                                    .getNamespace().toString(),
                            m.text()))
                    .toList();
            return new IpmpSchema(ctx, withNamespaces);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled YANG modules", e);
        } catch (YangParserException e) {
            throw new IllegalStateException("the bundled YANG modules do not parse: " + e.getMessage(), e);
        }
    }

    private static String readResource(String file) throws IOException {
        try (InputStream in = IpmpSchema.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE_DIR + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public EffectiveModelContext context() {
        return context;
    }

    /** Every module: the IETF imports first, ipmp last. */
    public List<ModuleSource> modules() {
        return modules;
    }

    /** The ipmp module itself. */
    public ModuleSource ipmpModule() {
        return module(IpmpQNames.MODULE_NAME, Optional.empty()).orElseThrow();
    }

    /**
     * A module by name and, optionally, revision (get-schema's identifier and version); without a
     * revision the newest bundled one.
     */
    public Optional<ModuleSource> module(String name, Optional<String> revision) {
        return modules.stream()
                .filter(m -> m.name().equals(name))
                .filter(m -> revision.isEmpty() || revision.get().isEmpty() || m.revision().toString().equals(revision.get()))
                .max((a, b) -> a.revision().compareTo(b.revision()));
    }
}
