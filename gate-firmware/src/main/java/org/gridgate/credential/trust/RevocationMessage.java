package org.gridgate.credential.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The signed revocation list (inner payload, docs/mqtt.md): a full list
 * {@code {"v":1,"type":"revocations","version":N,"issuedAt":..,"full":true,"ids":[..]}} or a delta
 * {@code {..,"full":false,"base":M,"add":[..],"remove":[..]}} that applies only on top of version M.
 * Ids are pass ids or subject pseudonyms, opaque strings.
 */
record RevocationMessage(long version, Instant issuedAt, boolean full, long base, Set<String> add,
        Set<String> remove) {
    static final int MAX_IDS = 1_000_000;

    static RevocationMessage parse(byte[] payload) throws InvalidDocument {
        JsonNode root = TrustListMessage.Documents.root(payload, "revocations");
        long version = TrustListMessage.Documents.version(root);
        Instant issued = TrustListMessage.Documents.issuedAt(root);
        JsonNode full = root.get("full");
        if (full == null || !full.isBoolean()) {
            throw new InvalidDocument("full: missing or not true/false");
        }
        if (full.asBoolean()) {
            return new RevocationMessage(version, issued, true, 0, ids(root, "ids"), Set.of());
        }
        JsonNode base = root.get("base");
        if (base == null || !base.canConvertToLong() || base.asLong() >= version) {
            throw new InvalidDocument("base: a delta needs the version it applies to, below its own");
        }
        return new RevocationMessage(version, issued, false, base.asLong(), ids(root, "add"), ids(root, "remove"));
    }

    Set<String> applyTo(Set<String> current) {
        Set<String> out = new HashSet<>(full ? Set.of() : current);
        out.addAll(add);
        out.removeAll(remove);
        return Set.copyOf(out);
    }

    private static Set<String> ids(JsonNode root, String field) throws InvalidDocument {
        JsonNode a = root.path(field);
        if (!a.isArray() || a.size() > MAX_IDS) {
            throw new InvalidDocument(field + ": missing, not a list or more than " + MAX_IDS);
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual() || a.get(i).asText().isEmpty()) {
                throw new InvalidDocument(field + "[" + i + "]: not a non-empty string");
            }
            out.add(a.get(i).asText());
        }
        return out;
    }
}
