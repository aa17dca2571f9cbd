package net.ipmpd.agent.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, path-aware access to a parsed JSON object, so that a malformed message is reported as
 * "snapshot.groups[0].members[1]: member 'state' is missing" rather than a ClassCastException.
 */
public record JsonObject(Map<String, Object> map, String path) {

    public static JsonObject of(Object value, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ProtocolException(path + ": expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new JsonObject(typed, path);
    }

    public boolean has(String name) {
        return map.containsKey(name) && map.get(name) != null;
    }

    public String string(String name) {
        return require(name, String.class);
    }

    public Optional<String> optString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    public long longValue(String name) {
        return require(name, Long.class);
    }

    public int intValue(String name) {
        long v = longValue(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ProtocolException(path + ": member '" + name + "' is out of range: " + v);
        }
        return (int) v;
    }

    public boolean bool(String name) {
        return require(name, Boolean.class);
    }

    public JsonObject object(String name) {
        return of(require(name, Map.class), path + "." + name);
    }

    public Optional<JsonObject> optObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    public List<JsonObject> objects(String name) {
        List<?> list = require(name, List.class);
        List<JsonObject> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(of(list.get(i), path + "." + name + "[" + i + "]"));
        }
        return out;
    }

    public List<String> strings(String name) {
        List<?> list = require(name, List.class);
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new ProtocolException(path + "." + name + "[" + i + "]: expected a string");
            }
            out.add(s);
        }
        return out;
    }

    /** An enumeration value written as its lower-case, hyphenated name (e.g. "ipv4-multicast-nominee"). */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return Wire.enumFromWire(string(name), type, path + "." + name);
    }

    private <T> T require(String name, Class<T> type) {
        Object v = map.get(name);
        if (v == null) {
            throw new ProtocolException(path + ": member '" + name + "' is missing");
        }
        if (!type.isInstance(v)) {
            throw new ProtocolException(path + ": member '" + name + "' should be a "
                    + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " but is " + JsonWriter.write(v));
        }
        return type.cast(v);
    }
}
