package net.ipmpd.yang.config;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.type.BooleanTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.LengthRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.RangeRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.StringTypeDefinition;

/**
 * Whether a leaf's text is a value of its YANG type, and if not, why, in the operator's words.
 * The verdict is the codec's (yangtools parses the value); the words come from the schema (the
 * type, its range and length, the module's own error-message that yangtools hands over typed in
 * {@link YangNetconfErrorAware}), never from the wording of a library's exception.
 */
final class LeafValues {
    private LeafValues() {
    }

    /** Why {@code text} is refused by {@code parse} (the leaf's codec), or empty when it is accepted. */
    static Optional<String> refusal(TypedDataSchemaNode leaf, String text, Function<String, ?> parse) {
        try {
            parse.apply(text);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(explain(leaf.getType(), text, moduleMessage(e)));
        }
    }

    /** The module's error-message for the constraint that refused the value, if it has one. */
    private static Optional<String> moduleMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof YangNetconfErrorAware aware) {
                return aware.getNetconfErrors().stream().map(x -> x.message()).filter(m -> m != null && !m.isBlank())
                        .findFirst().map(m -> m.replace("%n", " ").replaceAll("\\s+", " ").strip());
            }
        }
        return Optional.empty();
    }

    private static String explain(TypeDefinition<?> type, String text, Optional<String> moduleMessage) {
        String v = text.strip();
        if (type instanceof BooleanTypeDefinition) {
            return "'" + v + "' is not a boolean; write true or false";
        }
        if (type instanceof RangeRestrictedTypeDefinition<?, ?> ranged && isNumber(builtin(type))) {
            BigDecimal number;
            try {
                number = new BigDecimal(v);
            } catch (NumberFormatException e) {
                return "'" + v + "' is not " + (isInteger(builtin(type)) ? "an integer" : "a number");
            }
            if (isInteger(builtin(type)) && number.stripTrailingZeros().scale() > 0) {
                return "'" + v + "' is not an integer";
            }
            return number.toPlainString() + " is out of range (allowed: " + ranges(ranged) + ")";
        }
        if (moduleMessage.isPresent()) {
            return "'" + v + "' is not valid here: " + moduleMessage.get();
        }
        if (type instanceof StringTypeDefinition s && !s.getPatternConstraints().isEmpty()) {
            return "'" + v + "' is not valid here (it must match "
                    + s.getPatternConstraints().stream().map(p -> p.getRegularExpressionString()).collect(Collectors.joining(" and ")) + ")";
        }
        if (type instanceof LengthRestrictedTypeDefinition<?> l && l.getLengthConstraint().isPresent()) {
            return "the value is " + v.length() + " characters long (allowed: "
                    + l.getLengthConstraint().get().getAllowedRanges().asRanges().stream()
                            .map(r -> r.lowerEndpoint() + ".." + r.upperEndpoint()).collect(Collectors.joining(" | ")) + ")";
        }
        return "'" + v + "' is not a valid " + type.getQName().getLocalName();
    }

    private static String ranges(RangeRestrictedTypeDefinition<?, ?> ranged) {
        return ranged.getRangeConstraint().map(c -> c.getAllowedRanges().asRanges().stream()
                .map(r -> r.lowerEndpoint() + ".." + r.upperEndpoint()).collect(Collectors.joining(" | ")))
                .orElseGet(() -> builtin(ranged).getQName().getLocalName());
    }

    private static TypeDefinition<?> builtin(TypeDefinition<?> type) {
        TypeDefinition<?> t = type;
        while (t.getBaseType() != null) {
            t = t.getBaseType();
        }
        return t;
    }

    private static boolean isInteger(TypeDefinition<?> builtin) {
        return switch (builtin.getQName().getLocalName()) {
            case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64" -> true;
            default -> false;
        };
    }

    private static boolean isNumber(TypeDefinition<?> builtin) {
        return isInteger(builtin) || builtin.getQName().getLocalName().equals("decimal64");
    }
}
