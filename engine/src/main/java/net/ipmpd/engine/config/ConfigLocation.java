package net.ipmpd.engine.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a configuration problem is: a path through the ipmp module's data tree, step by step
 * (a container or leaf, a list entry with its key, a leaf-list value). It is rendered here and
 * nowhere else, so the file loader, NETCONF's error-path and the CLI spell it the same way:
 * {@code /ipmp/group[name='g0']/member[interface='eth0']/standby}.
 *
 * <p>Key values are quoted with {@code '}, an embedded {@code '} doubled (the XPath 2.0 rule
 * yangtools also reads); addresses are written in their canonical text (RFC 5952), so a
 * location built from an {@code InetAddress} equals one read from a file that spelled it out.
 */
public record ConfigLocation(List<Step> steps) {
    /** The module's top container. */
    public static final String TOP = "ipmp";

    public ConfigLocation {
        steps = List.copyOf(steps);
    }

    /** One step of the path. */
    public sealed interface Step {
        String name();
    }

    /** A container, a leaf, or a list or leaf-list as a whole. */
    public record Node(String name) implements Step {
    }

    /** A list entry, named by its key leaf (the ipmp module's lists have one key each). */
    public record Entry(String name, String key, String value) implements Step {
    }

    /** A leaf-list value. */
    public record Value(String name, String value) implements Step {
    }

    /** An array element by position, 1 for the first (a file too malformed to know its key). */
    public record Position(String name, int position) implements Step {
    }

    /** The data tree's root, above {@code /ipmp}. */
    public static ConfigLocation root() {
        return new ConfigLocation(List.of());
    }

    /** {@code /ipmp}. */
    public static ConfigLocation ipmp() {
        return root().child(TOP);
    }

    /** {@code /ipmp/group[name=...]}. */
    public static ConfigLocation group(String group) {
        return ipmp().entry("group", "name", group);
    }

    /** {@code /ipmp/group[name=...]/member[interface=...]}. */
    public static ConfigLocation member(String group, String member) {
        return group(group).entry("member", "interface", member);
    }

    /** {@code /ipmp/group[name=...]/data-address[address=...]}. */
    public static ConfigLocation dataAddress(String group, InetAddress address) {
        return group(group).entry("data-address", "address", AddressText.of(address));
    }

    /** {@code /ipmp/group[name=...]/static-target[.=...]}. */
    public static ConfigLocation staticTarget(String group, InetAddress target) {
        return group(group).with(new Value("static-target", AddressText.of(target)));
    }

    public ConfigLocation child(String name) {
        return with(new Node(name));
    }

    public ConfigLocation entry(String list, String key, String value) {
        return with(new Entry(list, key, value));
    }

    public ConfigLocation with(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new ConfigLocation(more);
    }

    /** This location without its last step; the root stays the root. */
    public ConfigLocation parent() {
        return steps.isEmpty() ? this : new ConfigLocation(steps.subList(0, steps.size() - 1));
    }

    /** The group the location is in, if any. */
    public Optional<String> group() {
        return keyOf("group");
    }

    /** The member interface the location is in, if any. */
    public Optional<String> member() {
        return keyOf("member");
    }

    /** The data address the location is in, if any. */
    public Optional<String> address() {
        return keyOf("data-address");
    }

    /** The name of the last step when it is a leaf or container (not a list entry). */
    public Optional<String> leaf() {
        return steps.isEmpty() || !(steps.getLast() instanceof Node n) ? Optional.empty() : Optional.of(n.name());
    }

    private Optional<String> keyOf(String list) {
        return steps.stream().filter(s -> s instanceof Entry e && e.name().equals(list))
                .map(s -> ((Entry) s).value()).findFirst();
    }

    /** The instance path, e.g. {@code /ipmp/group[name='g0']/static-target[.='198.18.0.254']}; the root is {@code /}. */
    public String path() {
        return render("");
    }

    /**
     * The instance path with every node name prefixed by the module's prefix, as NETCONF's
     * error-path carries it: {@code /ipmp:ipmp/ipmp:group[ipmp:name='g0']}.
     */
    public String path(String prefix) {
        return render(prefix + ":");
    }

    private String render(String p) {
        if (steps.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            out.append('/').append(p).append(s.name());
            switch (s) {
                case Node n -> { }
                case Entry e -> out.append('[').append(p).append(e.key()).append('=').append(quote(e.value())).append(']');
                case Value v -> out.append("[.=").append(quote(v.value())).append(']');
                case Position pos -> out.append('[').append(pos.position()).append(']');
            }
        }
        return out.toString();
    }

    /** A value inside a predicate: quoted with ', an embedded ' doubled. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return path();
    }
}
