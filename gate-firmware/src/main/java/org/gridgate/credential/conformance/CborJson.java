package org.gridgate.credential.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.credential.hcert.Cbor;
import org.gridgate.credential.hcert.CborEncoder;

/**
 * CBOR and JSON compared by content, as the dgc-testdata README asks: map order does not matter,
 * numbers compare by value, date-times by instant ("...Z" equals "...+00:00"), and tags (such as the
 * date tags on "sc") are hints and are dropped.
 */
final class CborJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CborJson() {}

    static JsonNode toJson(Cbor item) {
        return switch (item) {
            case Cbor.Int i -> NODES.numberNode(i.value());
            case Cbor.FloatingPoint f -> NODES.numberNode(f.value());
            case Cbor.Text t -> NODES.textNode(t.value());
            case Cbor.Bytes b -> NODES.textNode(Base64.getEncoder().encodeToString(b.value()));
            case Cbor.Bool b -> NODES.booleanNode(b.value());
            case Cbor.Simple s -> NODES.nullNode();
            case Cbor.Tagged t -> toJson(t.item());
            case Cbor.Array a -> {
                ArrayNode array = NODES.arrayNode();
                a.items().forEach(c -> array.add(toJson(c)));
                yield array;
            }
            case Cbor.CborMap m -> {
                ObjectNode object = NODES.objectNode();
                m.entries().forEach((k, v) -> object.set(k instanceof Cbor.Text t ? t.value() : k.toString(), toJson(v)));
                yield object;
            }
        };
    }

    static Cbor fromJson(JsonNode node) {
        if (node.isObject()) {
            Map<Cbor, Cbor> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                entries.put(Cbor.of(e.getKey()), fromJson(e.getValue()));
            }
            return new Cbor.CborMap(entries);
        }
        if (node.isArray()) {
            List<Cbor> items = new ArrayList<>();
            node.forEach(n -> items.add(fromJson(n)));
            return new Cbor.Array(items);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Cbor.of(node.longValue());
        }
        if (node.isNumber()) {
            return new Cbor.FloatingPoint(node.doubleValue());
        }
        if (node.isBoolean()) {
            return new Cbor.Bool(node.booleanValue());
        }
        if (node.isNull()) {
            return Cbor.Simple.NULL;
        }
        return Cbor.of(node.asText());
    }

    static boolean sameJson(JsonNode expected, JsonNode actual) {
        return expected.equals(NUMERIC, actual);
    }

    /** Equal content: both without tags, encoded canonically (sorted map keys), byte for byte. */
    static boolean sameCbor(Cbor a, Cbor b) {
        return java.util.Arrays.equals(CborEncoder.encodeCanonical(untag(a)), CborEncoder.encodeCanonical(untag(b)));
    }

    private static Cbor untag(Cbor item) {
        return switch (item) {
            case Cbor.Tagged t -> untag(t.item());
            case Cbor.Array a -> new Cbor.Array(a.items().stream().map(CborJson::untag).toList());
            case Cbor.CborMap m -> {
                Map<Cbor, Cbor> entries = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> entries.put(untag(k), untag(v)));
                yield new Cbor.CborMap(entries);
            }
            default -> item;
        };
    }

    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return numeric(a).compareTo(numeric(b)) == 0 ? 0 : 1;
        }
        if (a.isTextual() && b.isTextual() && !a.equals(b)) {
            Optional<Instant> x = instant(a.asText());
            return x.isPresent() && x.equals(instant(b.asText())) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal numeric(JsonNode n) {
        double d = n.doubleValue();
        return n.isIntegralNumber() || Double.isFinite(d) ? n.decimalValue() : BigDecimal.ZERO;
    }
}
