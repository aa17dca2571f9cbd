package net.ipmpd.yang.config;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactory;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.data.impl.schema.SchemaOrderedNormalizedNodeWriter;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;

/**
 * ipmpd's configuration file: an RFC 7951 JSON instance of the ipmp module's {@code ipmp}
 * container, e.g. {@code {"ipmp:ipmp": {"group": [...]}}}.
 *
 * <p>Loading parses with yangtools' JSON codec (types, ranges, patterns, unknown members), checks
 * the result as a configuration datastore would (mandatory leaves, state nodes), maps it to the
 * engine's {@link EngineConfig} and runs every semantic check. Either the whole file is good or
 * nothing from it is used; every problem is reported as "file:line: YANG path: message". yangtools
 * stops at the first type or structure error in the file, so such an error comes alone; the
 * semantic checks after it report all they find.
 */
public final class ConfigFile {
    private static final Logger LOG = LogManager.getLogger(ConfigFile.class);

    /** Key leaf of every keyed list of the module, to name list entries in paths. */
    private static final Map<String, String> LIST_KEYS = Map.of(
            "group", "name", "member", "interface", "data-address", "address", "probe", "family", "target", "address");

    private ConfigFile() {
    }

    /** Reads and validates {@code file}. */
    public static LoadedConfig load(Path file) throws ConfigFileException, IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(List.of(new LocatedProblem(file.toString(), OptionalInt.empty(), "/",
                    "the configuration file does not exist")));
        }
        return parse(text, file.toString());
    }

    /** Validates configuration text; {@code source} names it in messages (a file name). */
    public static LoadedConfig parse(String text, String source) throws ConfigFileException {
        IpmpSchema schema = IpmpSchema.shared();
        Optional<JsonLocator> locator = JsonLocator.scan(text, LIST_KEYS);
        Located at = new Located(source, locator);

        ContainerNode ipmp;
        if (text.isBlank() || locator.map(JsonLocator::isEmptyObject).orElse(false)) {
            // An empty file or {} is a valid instance with nothing set: in.mpathd's defaults.
            ipmp = ConfigCodec.toNormalizedNode(EngineConfig.defaults());
        } else {
            ipmp = parseJson(schema, text, at);
        }
        List<LocatedProblem> duplicates = locator.map(JsonLocator::duplicates).orElse(List.of())
                .stream().map(at::locate).toList();
        ConfigCodec.Decoded decoded = ConfigCodec.fromNormalizedNode(ipmp);
        List<LocatedProblem> warnings = decoded.warnings().stream().map(at::locate).toList();
        if (decoded.config().isEmpty() || !duplicates.isEmpty()) {
            List<LocatedProblem> all = new ArrayList<>(duplicates);
            all.addAll(decoded.problems().stream().map(at::locate).toList());
            throw new ConfigFileException(all);
        }
        // The datastore's own check (mandatory nodes, min-elements) last, as a safety net: the
        // checks above already name each such problem with its own path.
        Optional<ConfigProblem> schemaProblem = SchemaValidation.validate(schema, ipmp);
        if (schemaProblem.isPresent()) {
            throw new ConfigFileException(List.of(at.locate(schemaProblem.get())));
        }
        return new LoadedConfig(decoded.config().get(), warnings);
    }

    private static ContainerNode parseJson(IpmpSchema schema, String text, Located at) throws ConfigFileException {
        NormalizationResultHolder holder = new NormalizationResultHolder();
        NormalizedNodeStreamWriter writer = ImmutableNormalizedNodeStreamWriter.from(holder);
        JSONCodecFactory codecs = JSONCodecFactorySupplier.RFC7951.getShared(schema.context());
        JsonReader reader = new JsonReader(new StringReader(text));
        try (JsonParserStream parser = JsonParserStream.create(writer, codecs)) {
            parser.parse(reader);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | IOException e) {
            OptionalInt line = JsonLocator.lineOf(reader);
            String path = JsonLocator.yangPathOf(at.locator, reader.getPath(), LIST_KEYS);
            throw new ConfigFileException(List.of(new LocatedProblem(at.source, line, path, JsonErrors.describe(e))));
        }
        NormalizedNode data;
        try {
            data = holder.getResult().data();
        } catch (IllegalStateException e) {
            throw new ConfigFileException(List.of(new LocatedProblem(at.source, OptionalInt.of(1), "/",
                    "the file holds no configuration; expected {\"ipmp:ipmp\": {...}}")));
        }
        if (!(data instanceof ContainerNode c) || !c.name().getNodeType().equals(IpmpQNames.IPMP)) {
            throw new ConfigFileException(List.of(new LocatedProblem(at.source, OptionalInt.of(1), "/",
                    "the file must hold the ipmp container: {\"ipmp:ipmp\": {...}}")));
        }
        return c;
    }

    /** Where problems are: the file name and, when the JSON was well-formed, its line map. */
    private record Located(String source, Optional<JsonLocator> locator) {
        LocatedProblem locate(ConfigProblem p) {
            OptionalInt line = locator.map(l -> l.lineOf(p.path())).orElse(OptionalInt.empty());
            return new LocatedProblem(source, line, p.path(), p.message());
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * The configuration as RFC 7951 JSON text, indented, ending with a newline; values equal to
     * their YANG default are left out, as an operator would write the file.
     */
    public static String toJson(EngineConfig config) {
        IpmpSchema schema = IpmpSchema.shared();
        ContainerNode root = DefaultsOmitted.of(ConfigCodec.toNormalizedNode(config),
                (org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode) schema.context().dataChildByName(IpmpQNames.IPMP));
        if (root.isEmpty()) {
            // the JSON writer drops an empty container; no groups must still be said explicitly
            return "{\n  \"ipmp:ipmp\": {}\n}\n";
        }
        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setIndent("  ");
            JSONCodecFactory codecs = JSONCodecFactorySupplier.RFC7951.getShared(schema.context());
            json.beginObject();
            NormalizedNodeStreamWriter writer = JSONNormalizedNodeStreamWriter.createNestedWriter(codecs,
                    SchemaInferenceStack.of(schema.context()).toInference(), null, json);
            // Schema order, so the file reads like the module (and like the sample).
            try (var nnw = new SchemaOrderedNormalizedNodeWriter(writer, schema.context())) {
                nnw.write(root);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /**
     * Writes {@code config} to {@code file} atomically: a temporary file in the same directory,
     * fsync, rename over the old file, fsync of the directory. A reader (or a crash) sees the old
     * file or the new one, never half of one. The old file's permissions are kept; a new file gets
     * 0644 (it holds no secrets).
     */
    public static void write(Path file, EngineConfig config) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Set<PosixFilePermission> perms = null;
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        if (posix) {
            perms = Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            if (perms != null) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(toJson(config)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + file + " atomically", e);
            }
            fsyncDirectory(dir);
            LOG.info("configuration written to {} ({} groups)", file, config.groups().size());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the rename is still atomic there.
            LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
