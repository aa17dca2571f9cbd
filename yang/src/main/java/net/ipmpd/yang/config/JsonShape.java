package net.ipmpd.yang.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.ipmpd.engine.config.ConfigLocation;
import net.ipmpd.engine.config.ConfigProblem;
import net.ipmpd.engine.config.ConfigProblem.Kind;
import net.ipmpd.yang.IpmpQNames;
import net.ipmpd.yang.IpmpSchema;
import net.ipmpd.yang.json.LinedJson;
import net.ipmpd.yang.json.LinedJson.Arr;
import net.ipmpd.yang.json.LinedJson.Member;
import net.ipmpd.yang.json.LinedJson.Obj;
import net.ipmpd.yang.json.LinedJson.Value;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactory;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;

/**
 * A JSON configuration (RFC 7951) checked against the ipmp schema, node by node, before
 * yangtools' parser builds it: members the schema does not have, values their type refuses
 * (with yangtools' codec), list entries without their key or with the key of another entry.
 * Every problem has its location, and every node its line, which the later checks (the
 * engine's rules) use to name file:line for their own locations.
 */
final class JsonShape {
    static final String TOP = IpmpQNames.MODULE_NAME + ":" + IpmpQNames.IPMP.getLocalName();

    /** The lines of the file's nodes and the problems found. */
    record Result(Map<ConfigLocation, Integer> lines, List<ConfigProblem> problems) {
        /** The line of {@code at}, or of its nearest ancestor in the file (a missing leaf: its parent's). */
        OptionalInt lineOf(ConfigLocation at) {
            for (ConfigLocation l = at; ; l = l.parent()) {
                Integer line = lines.get(l);
                if (line != null) {
                    return OptionalInt.of(line);
                }
                if (l.steps().isEmpty()) {
                    return OptionalInt.empty();
                }
            }
        }
    }

    private final JSONCodecFactory codecs;
    private final SchemaInferenceStack stack;
    private final Map<ConfigLocation, Integer> lines = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private JsonShape(IpmpSchema schema) {
        this.codecs = JSONCodecFactorySupplier.RFC7951.getShared(schema.context());
        this.stack = SchemaInferenceStack.of(schema.context());
    }

    static Result check(IpmpSchema schema, Value root) {
        JsonShape s = new JsonShape(schema);
        s.top(schema, root);
        return new Result(Map.copyOf(s.lines), List.copyOf(s.problems));
    }

    private void top(IpmpSchema schema, Value root) {
        ConfigLocation at = ConfigLocation.root();
        lines.put(at, root.line());
        if (!(root instanceof Obj o)) {
            problems.add(new ConfigProblem(at, Kind.UNKNOWN_NODE, "the file must be a JSON object: {\"" + TOP + "\": {...}}"));
            return;
        }
        for (Member m : o.members()) {
            ConfigLocation here = at.child(localName(m.name()));
            lines.put(here, m.line());
            if (!m.name().equals(TOP)) {
                problems.add(new ConfigProblem(here, Kind.UNKNOWN_NODE, "unknown top-level node '" + localName(m.name())
                        + "'; the file must hold {\"" + TOP + "\": {...}}"));
                continue;
            }
            DataNodeContainer ipmp = (DataNodeContainer) schema.context().dataChildByName(IpmpQNames.IPMP);
            stack.enterSchemaTree(IpmpQNames.IPMP);
            container(ipmp, m.value(), here);
            stack.exit();
        }
    }

    private void container(DataNodeContainer schema, Value value, ConfigLocation at) {
        if (!(value instanceof Obj o)) {
            problems.add(new ConfigProblem(at, "must be a JSON object, not " + value.kind()));
            return;
        }
        for (Member m : o.members()) {
            String name = localName(m.name());
            ConfigLocation here = at.child(name);
            lines.putIfAbsent(here, m.line());
            Optional<DataSchemaNode> child = ownModule(m.name())
                    ? schema.findDataChildByName(QName.create(IpmpQNames.IPMP, name)) : Optional.empty();
            if (child.isEmpty()) {
                problems.add(new ConfigProblem(here, Kind.UNKNOWN_NODE, "unknown node '" + name + "' in "
                        + (at.steps().isEmpty() ? "the file" : at.steps().getLast().name())));
                continue;
            }
            stack.enterSchemaTree(child.get().getQName());
            try {
                switch (child.get()) {
                    case ListSchemaNode list -> list(list, m.value(), at, name);
                    case LeafListSchemaNode leafList -> leafList(leafList, m.value(), at, name);
                    case TypedDataSchemaNode leaf -> leaf(leaf, m.value(), here);
                    case DataNodeContainer c -> container(c, m.value(), here);
                    default -> { }
                }
            } finally {
                stack.exit();
            }
        }
    }

    private void list(ListSchemaNode list, Value value, ConfigLocation parent, String name) {
        if (!(value instanceof Arr arr)) {
            problems.add(new ConfigProblem(parent.child(name), name + " is a list: it must be a JSON array, not " + value.kind()));
            return;
        }
        String key = list.getKeyDefinition().getFirst().getLocalName();
        Map<String, Integer> seen = new HashMap<>();
        for (Value item : arr.items()) {
            Optional<String> keyText = item instanceof Obj o ? o.get(key).flatMap(JsonShape::scalar) : Optional.empty();
            if (keyText.isEmpty()) {
                ConfigLocation here = parent.child(name);
                lines.putIfAbsent(here, item.line());
                problems.add(new ConfigProblem(here, Kind.MISSING_KEY, "a " + name + " entry needs its key " + key));
                continue;
            }
            String k = Locations.keyText(keyText.get());
            ConfigLocation here = parent.entry(name, key, k);
            lines.putIfAbsent(here, item.line());
            if (seen.putIfAbsent(k, item.line()) != null) {
                problems.add(new ConfigProblem(here, Kind.DUPLICATE, name + " " + keyText.get() + " is listed twice"));
                continue;
            }
            container(list, item, here);
        }
    }

    private void leafList(LeafListSchemaNode leafList, Value value, ConfigLocation parent, String name) {
        if (!(value instanceof Arr arr)) {
            problems.add(new ConfigProblem(parent.child(name), name + " is a leaf-list: it must be a JSON array, not " + value.kind()));
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Value item : arr.items()) {
            Optional<String> text = scalar(item);
            ConfigLocation here = parent.with(new ConfigLocation.Value(name, Locations.keyText(text.orElse(""))));
            lines.putIfAbsent(here, item.line());
            if (text.isEmpty()) {
                problems.add(new ConfigProblem(here, "a " + name + " must be a value, not " + item.kind()));
            } else if (seen.putIfAbsent(Locations.keyText(text.get()), item.line()) != null) {
                problems.add(new ConfigProblem(here, Kind.DUPLICATE, "value " + text.get() + " is listed twice"));
            } else {
                value(leafList, text.get(), here);
            }
        }
    }

    private void leaf(TypedDataSchemaNode leaf, Value value, ConfigLocation here) {
        Optional<String> text = scalar(value);
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(here, "must be a value, not " + value.kind()));
            return;
        }
        value(leaf, text.get(), here);
    }

    private void value(TypedDataSchemaNode node, String text, ConfigLocation here) {
        var codec = codecs.codecFor(node, stack);
        LeafValues.refusal(node, text, codec::parseValue)
                .ifPresent(why -> problems.add(new ConfigProblem(here, why)));
    }

    private static Optional<String> scalar(Value v) {
        return switch (v) {
            case LinedJson.Str s -> Optional.of(s.text());
            case LinedJson.Num n -> Optional.of(n.text());
            case LinedJson.Bool b -> Optional.of(Boolean.toString(b.value()));
            case LinedJson.Null n -> Optional.empty();
            case Obj o -> Optional.empty();
            case Arr a -> Optional.empty();
        };
    }

    /** RFC 7951 section 4: "module:name" where the module changes; only the ipmp module is here. */
    private static boolean ownModule(String member) {
        int colon = member.indexOf(':');
        return colon < 0 || member.substring(0, colon).equals(IpmpQNames.MODULE_NAME);
    }

    static String localName(String member) {
        int colon = member.indexOf(':');
        return colon < 0 ? member : member.substring(colon + 1);
    }
}
