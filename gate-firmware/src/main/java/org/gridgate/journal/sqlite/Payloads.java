package org.gridgate.journal.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.RecordKind;

/**
 * Renders the versioned record payload, once, at append: the header fields first, in a fixed order,
 * then the body. Version 1 of the format is documented in docs/mqtt.md.
 */
final class Payloads {
    static final int VERSION = 1;
    static final Set<String> HEADER = Set.of("v", "id", "seq", "gate", "community", "kind", "at", "mono", "boot");
    /**
     * This boot's id (the first 8 characters of the kernel's boot_id): {@code mono} counts from this
     * boot, so the server can place every record of one boot from one record whose {@code at} it trusts.
     */
    static final String BOOT = bootId();

    private static String bootId() {
        try {
            String id = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip();
            return id.length() >= 8 ? id.substring(0, 8) : id;
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateIdentity gate;

    Payloads(GateIdentity gate) {
        this.gate = gate;
    }

    /** @throws IllegalArgumentException if the body uses a header field or holds a non-JSON value */
    String render(UUID id, long seq, RecordKind kind, Instant at, long mono, Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (HEADER.contains(key)) {
                throw new IllegalArgumentException("record body must not set header field '" + key + "'");
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", VERSION);
        doc.put("id", id.toString());
        doc.put("seq", seq);
        doc.put("gate", gate.id());
        doc.put("community", gate.community());
        doc.put("kind", kind.topicLevel());
        doc.put("at", at.toString());
        doc.put("mono", mono);
        doc.put("boot", BOOT);
        doc.putAll(body);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record body is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }
}
