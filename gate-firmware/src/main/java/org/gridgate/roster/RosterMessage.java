package org.gridgate.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridgate.credential.HealthCredential.PersonKind;

/**
 * The roster as the community server sends it (JSON, version 1; see docs/mqtt.md): a full roster
 * ({@code "type":"full"}, the default) or a delta ({@code "type":"delta"} with {@code baseVersion},
 * {@code entries} to add or replace and {@code remove} subjects). Every message carries a
 * {@code version} (a positive integer; missing is refused, never read as 0) and an {@code issuedAt}
 * instant, so a captured older roster cannot be replayed over a newer one. Parsing is all or
 * nothing: one bad entry rejects the message, so the gate keeps its last good roster.
 */
public final class RosterMessage {
    /** A roster larger than this is refused rather than exhausting a small terminal's memory. */
    public static final int MAX_ENTRIES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private RosterMessage() {}

    /** Thrown for a message that is not a valid roster; the message says what is wrong and where. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /**
     * The entries of a roster file the server is about to publish (it stamps its own version and issue
     * time): {@code version} and {@code issuedAt} may be missing here, unlike in {@link #parseUpdate}.
     */
    public static List<Resident> parseSource(byte[] payload) throws Invalid {
        JsonNode root = root(payload);
        if (!root.path("type").asText("full").equals("full")) {
            throw new Invalid("a delta, not a full roster");
        }
        return entries(root);
    }

    private static JsonNode root(byte[] payload) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new Invalid("not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("not a JSON object");
        }
        if (root.path("v").asInt(-1) != 1) {
            throw new Invalid("unsupported version " + root.path("v"));
        }
        return root;
    }

    private static List<Resident> entries(JsonNode root) throws Invalid {
        JsonNode entries = root.path("entries");
        if (!entries.isArray()) {
            throw new Invalid("entries: missing or not a list");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new Invalid("entries: " + entries.size() + " is more than " + MAX_ENTRIES);
        }
        List<Resident> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.add(entry(entries.get(i), "entries[" + i + "]"));
        }
        return out;
    }

    public static RosterUpdate parseUpdate(byte[] payload) throws Invalid {
        JsonNode root = root(payload);
        List<Resident> out = entries(root);
        String type = root.path("type").asText("full");
        JsonNode v = root.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new Invalid("version: missing or not a positive integer (a roster without one could be replayed)");
        }
        long version = v.asLong();
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(root.path("issuedAt").asText(""));
        } catch (DateTimeException e) {
            throw new Invalid("issuedAt: missing or not an ISO-8601 instant");
        }
        if (issuedAt.isBefore(EARLIEST) || issuedAt.isAfter(LATEST)) { // kept as epoch milliseconds
            throw new Invalid("issuedAt: outside the years 0000-9999");
        }
        switch (type) {
            case "full" -> {
                return RosterUpdate.full(version, issuedAt, out);
            }
            case "delta" -> {
                if (!root.path("baseVersion").isIntegralNumber() || version <= root.path("baseVersion").asLong()) {
                    throw new Invalid("a delta needs a baseVersion below its version");
                }
                JsonNode remove = root.path("remove");
                List<String> removals = new ArrayList<>();
                if (!remove.isMissingNode()) {
                    if (!remove.isArray() || remove.size() > MAX_ENTRIES) {
                        throw new Invalid("remove: must be a list of subjects");
                    }
                    for (JsonNode r : remove) {
                        if (!r.isTextual()) {
                            throw new Invalid("remove: must be a list of subjects");
                        }
                        removals.add(r.asText());
                    }
                }
                return new RosterUpdate(false, version, root.path("baseVersion").asLong(), issuedAt, out, removals);
            }
            default -> throw new Invalid("type: must be full or delta, got '" + type + "'");
        }
    }

    /** A full roster message of the given version. */
    public static byte[] encode(long version, Instant issuedAt, List<Resident> entries) {
        var root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("type", "full");
        root.put("version", version);
        root.put("issuedAt", issuedAt.toString());
        fill(root.putArray("entries"), entries);
        return bytes(root);
    }

    /** A delta message: {@code upserts} added or replaced, {@code removals} dropped, from {@code base}. */
    public static byte[] encodeDelta(long base, long version, Instant issuedAt, List<Resident> upserts,
            List<String> removals) {
        var root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("type", "delta");
        root.put("baseVersion", base);
        root.put("version", version);
        root.put("issuedAt", issuedAt.toString());
        fill(root.putArray("entries"), upserts);
        var rm = root.putArray("remove");
        removals.forEach(rm::add);
        return bytes(root);
    }

    private static void fill(com.fasterxml.jackson.databind.node.ArrayNode list, List<Resident> entries) {
        for (Resident r : entries) {
            var e = list.addObject();
            e.put("subject", r.subject());
            e.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            e.put("unit", r.unit());
            e.put("household", r.household());
            e.put("status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            e.put("validFrom", r.validFrom().toString());
            e.put("validTo", r.validTo().toString());
        }
    }

    private static byte[] bytes(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Resident entry(JsonNode e, String at) throws Invalid {
        if (!e.isObject()) {
            throw new Invalid(at + ": not an object");
        }
        String subject = text(e, "subject", at);
        if (subject.isEmpty() || subject.length() > 128) {
            throw new Invalid(at + ".subject: must be 1-128 characters");
        }
        PersonKind kind = choice(PersonKind.class, text(e, "kind", at), at + ".kind");
        Resident.Status status = choice(Resident.Status.class, text(e, "status", at), at + ".status");
        try {
            LocalDate from = LocalDate.parse(text(e, "validFrom", at));
            LocalDate to = LocalDate.parse(text(e, "validTo", at));
            if (to.isBefore(from)) {
                throw new Invalid(at + ": validTo is before validFrom");
            }
            return new Resident(subject, kind, e.path("unit").asText(""), e.path("household").asText(""), status,
                    from, to);
        } catch (DateTimeException ex) {
            throw new Invalid(at + ": dates must be YYYY-MM-DD");
        }
    }

    private static String text(JsonNode e, String field, String at) throws Invalid {
        JsonNode n = e.get(field);
        if (n == null || !n.isTextual()) {
            throw new Invalid(at + "." + field + ": missing or not text");
        }
        return n.asText();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String at) throws Invalid {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
            throw new Invalid(at + ": unknown value '" + value + "'");
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
