package org.gridgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The console's JSON, both ways; request bodies are read as trees so every field is checked by hand. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("console state not serialisable", e);
        }
    }

    /** The body as a JSON object, or empty when it is not one. */
    static Optional<ObjectNode> object(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static java.util.Map<String, Object> map(String json) {
        try {
            return MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        } catch (JsonProcessingException e) {
            return java.util.Map.of();
        }
    }
}
