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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.json.LinedJson;
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
 * <p>Loading reads the text with ipmpd's one JSON reader ({@link LinedJson}: every node's line),
 * checks it against the schema node by node ({@link JsonShape}: unknown members, values their
 * type refuses, list keys missing or given twice), builds it with yangtools' JSON codec, maps it
 * to the engine's {@link EngineConfig} and runs every semantic check, then the datastore's own.
 * Either the whole file is good or nothing from it is used; every problem is reported as
 * "file:line: YANG path: message" ({@link LocatedProblem}), each stage listing all it finds.
 */
public final class ConfigFile {
    private static final Logger LOG = LogManager.getLogger(ConfigFile.class);

    private ConfigFile() {
    }

    /** Reads and validates {@code file}. */
    public static LoadedConfig load(Path file) throws ConfigFileException, IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(List.of(LocatedProblem.of(file.toString(), OptionalInt.empty(),
                    new ConfigProblem(ConfigLocation.root(), ConfigProblem.Kind.MISSING, "the configuration file does not exist"))));
        }
        return parse(text, file.toString());
    }

    /** Validates configuration text; {@code source} names it in messages (a file name). */
    public static LoadedConfig parse(String text, String source) throws ConfigFileException {
        IpmpSchema schema = IpmpSchema.shared();
        if (text.isBlank()) {
            // An empty file is a valid instance with nothing set: in.mpathd's defaults.
            return new LoadedConfig(EngineConfig.defaults(), List.of());
        }
        LinedJson.Value root;
        try {
            root = LinedJson.parse(text);
        } catch (LinedJson.SyntaxError e) {
            throw new ConfigFileException(List.of(LocatedProblem.of(source, OptionalInt.of(e.line()),
                    new ConfigProblem(locationOf(e.where()), ConfigProblem.Kind.MALFORMED, "malformed JSON: " + e.getMessage()))));
        }
        if (root instanceof LinedJson.Obj o && o.members().isEmpty()) {
            return new LoadedConfig(EngineConfig.defaults(), List.of());   // {}: the defaults too
        }
        JsonShape.Result shape = JsonShape.check(schema, root);
        if (!shape.problems().isEmpty()) {
            throw new ConfigFileException(shape.problems().stream().map(p -> locate(source, shape, p)).toList());
        }
        ContainerNode ipmp = parseJson(schema, text, source);
        ConfigCodec.Decoded decoded = ConfigCodec.fromNormalizedNode(ipmp);
        List<LocatedProblem> warnings = decoded.warnings().stream().map(p -> locate(source, shape, p)).toList();
        if (decoded.config().isEmpty()) {
            throw new ConfigFileException(decoded.problems().stream().map(p -> locate(source, shape, p)).toList());
        }
        // The datastore's own check (mandatory nodes, min-elements) last, as a safety net: the
        // checks above already name each such problem with its own path.
        Optional<ConfigProblem> schemaProblem = SchemaValidation.validate(schema, ipmp);
        if (schemaProblem.isPresent()) {
            throw new ConfigFileException(List.of(locate(source, shape, schemaProblem.get())));
        }
        return new LoadedConfig(decoded.config().get(), warnings);
    }

    private static LocatedProblem locate(String source, JsonShape.Result shape, ConfigProblem p) {
        return LocatedProblem.of(source, shape.lineOf(p.location()), p);
    }

    /** Where a syntax error was: member names, and array positions counted from 1 (no key is known yet). */
    private static ConfigLocation locationOf(List<Object> where) {
        List<ConfigLocation.Step> steps = new ArrayList<>();
        for (Object w : where) {
            if (w instanceof Integer i && !steps.isEmpty()) {
                steps.set(steps.size() - 1, new ConfigLocation.Position(steps.getLast().name(), i + 1));
            } else if (w instanceof String name) {
                steps.add(new ConfigLocation.Node(JsonShape.localName(name)));
            }
        }
        return new ConfigLocation(steps);
    }

    /**
     * The NormalizedNode of a file {@link JsonShape} found in order. yangtools' parser needs
     * gson's reader; a refusal here is one the shape check does not know, reported as it is.
     */
    private static ContainerNode parseJson(IpmpSchema schema, String text, String source) throws ConfigFileException {
        NormalizationResultHolder holder = new NormalizationResultHolder();
        NormalizedNodeStreamWriter writer = ImmutableNormalizedNodeStreamWriter.from(holder);
        JSONCodecFactory codecs = JSONCodecFactorySupplier.RFC7951.getShared(schema.context());
        try (JsonParserStream parser = JsonParserStream.create(writer, codecs)) {
            parser.parse(new JsonReader(new StringReader(text)));
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | IOException e) {
            throw new ConfigFileException(List.of(LocatedProblem.of(source, OptionalInt.empty(),
                    new ConfigProblem(ConfigLocation.root(), YangErrors.plain(e)))));
        }
        if (holder.getResult().data() instanceof ContainerNode c && c.name().getNodeType().equals(IpmpQNames.IPMP)) {
            return c;
        }
        throw new ConfigFileException(List.of(LocatedProblem.of(source, OptionalInt.of(1), new ConfigProblem(ConfigLocation.root(),
                ConfigProblem.Kind.UNKNOWN_NODE, "the file must hold the ipmp container: {\"ipmp:ipmp\": {...}}"))));
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
