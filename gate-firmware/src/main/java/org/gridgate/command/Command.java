package org.gridgate.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import org.gridgate.passage.GateMode;

/**
 * A command from the community server (inner payload of a {@link SignedEnvelope}, docs/mqtt.md):
 * {@code {"v":1,"type":"command","id":"..","gate":"<gate id>","issuedAt":"<instant>","nonce":"..",
 * "action":"open"|"set_mode"|"reload_config"|"resend", ...}} with {@code reason} for open,
 * {@code mode} for set_mode, {@code fromSeq}/{@code toSeq} for resend.
 */
public record Command(String id, String gate, Instant issuedAt, String nonce, Action action) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the gate is asked to do. */
    public sealed interface Action {
        String name();
    }

    public record Open(String reason) implements Action {
        public String name() {
            return "open";
        }
    }

    public record SetMode(GateMode mode) implements Action {
        public String name() {
            return "set_mode";
        }
    }

    public record ReloadConfig() implements Action {
        public String name() {
            return "reload_config";
        }
    }

    /** Publish the journal records {@code fromSeq..toSeq} again (the server saw a gap). */
    public record Resend(long fromSeq, long toSeq) implements Action {
        public String name() {
            return "resend";
        }
    }

    /** A payload that is not a valid command; the message names the field, never its content. */
    public static final class Invalid extends Exception {
        private final String id;

        Invalid(String id, String message) {
            super(message);
            this.id = id;
        }

        /** The command id if it could be read, for the result message; else empty. */
        public String commandId() {
            return id;
        }
    }

    public static Command parse(byte[] payload) throws Invalid {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Invalid("", "not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Invalid("", "not a JSON object");
        }
        String id = n.path("id").isTextual() ? n.path("id").asText() : "";
        if (id.isEmpty() || id.length() > 128) {
            throw new Invalid("", "id: missing or longer than 128 characters");
        }
        if (n.path("v").asInt(-1) != 1 || !"command".equals(n.path("type").asText())) {
            throw new Invalid(id, "not a version 1 command (v, type)");
        }
        String gate = text(n, "gate", id, 64);
        String nonce = text(n, "nonce", id, 128);
        if (nonce.length() < 8) {
            throw new Invalid(id, "nonce: at least 8 characters");
        }
        Instant iat;
        try {
            iat = Instant.parse(n.path("issuedAt").asText(""));
        } catch (DateTimeException e) {
            throw new Invalid(id, "issuedAt: missing or not an ISO-8601 instant");
        }
        String action = n.path("action").asText("");
        Action a = switch (action) {
            case "open" -> new Open(text(n, "reason", id, 200));
            case "set_mode" -> new SetMode(mode(text(n, "mode", id, 32), id));
            case "reload_config" -> new ReloadConfig();
            case "resend" -> resend(n, id);
            default -> throw new Invalid(id, "action: must be open, set_mode, reload_config or resend");
        };
        return new Command(id, gate, iat, nonce, a);
    }

    private static Resend resend(JsonNode n, String id) throws Invalid {
        JsonNode from = n.get("fromSeq");
        JsonNode to = n.get("toSeq");
        if (from == null || to == null || !from.canConvertToLong() || !to.canConvertToLong()
                || from.asLong() < 1 || to.asLong() < from.asLong()) {
            throw new Invalid(id, "fromSeq/toSeq: need 1 <= fromSeq <= toSeq");
        }
        return new Resend(from.asLong(), to.asLong());
    }

    private static GateMode mode(String s, String id) throws Invalid {
        try {
            return GateMode.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid(id, "mode: must be NORMAL, LOCKDOWN, EMERGENCY_EGRESS or MAINTENANCE");
        }
    }

    private static String text(JsonNode n, String field, String id, int max) throws Invalid {
        JsonNode f = n.get(field);
        if (f == null || !f.isTextual() || f.asText().isBlank() || f.asText().length() > max) {
            throw new Invalid(id, field + ": missing, blank or longer than " + max + " characters");
        }
        return f.asText();
    }
}
