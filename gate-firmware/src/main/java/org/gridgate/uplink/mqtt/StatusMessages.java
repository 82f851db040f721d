package org.gridgate.uplink.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridgate.config.GateIdentity;

/**
 * The retained status payloads (format v1, docs/mqtt.md): {@code online} with the latest details the
 * gate supplied, {@code offline} on a clean shutdown, and the last will the broker publishes for us
 * when the connection dies.
 */
final class StatusMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateIdentity gate;
    private final Clock clock;
    private volatile Map<String, Object> details = Map.of();

    StatusMessages(GateIdentity gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    void details(Map<String, Object> details) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        for (String reserved : new String[] {"v", "gate", "community", "state", "at"}) {
            if (copy.containsKey(reserved)) {
                throw new IllegalArgumentException("status details must not set '" + reserved + "'");
            }
        }
        bytes(copy); // reject what cannot be rendered now, not later on Paho's callback thread
        this.details = copy;
    }

    byte[] online() {
        Map<String, Object> doc = header("online");
        doc.put("at", clock.instant().toString());
        doc.putAll(details);
        return bytes(doc);
    }

    byte[] offline() {
        Map<String, Object> doc = header("offline");
        doc.put("at", clock.instant().toString());
        doc.put("reason", "shutdown");
        return bytes(doc);
    }

    /** Fixed at connect time, published later by the broker: so it carries no time of its own. */
    byte[] lastWill() {
        Map<String, Object> doc = header("offline");
        doc.put("reason", "connection lost");
        return bytes(doc);
    }

    private Map<String, Object> header(String state) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", 1);
        doc.put("gate", gate.id());
        doc.put("community", gate.community());
        doc.put("state", state);
        return doc;
    }

    private static byte[] bytes(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status details are not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }
}
