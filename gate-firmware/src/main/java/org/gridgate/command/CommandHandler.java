package org.gridgate.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.passage.GateControl;
import org.gridgate.uplink.Rejections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and carries out signed commands. Order of checks: envelope signature (root keys), payload,
 * addressed to this gate, freshness ({@code |now - issuedAt| <= MAX_AGE}), nonce never seen
 * (persisted in {@link TrustDb} before acting, so neither a retry nor a restart runs it twice).
 * Every outcome, accepted or rejected, is journaled as an EVENT and published as a result.
 * Gate actions go through {@link GateControl} with actor {@code server:<kid>}.
 */
public final class CommandHandler {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /**
     * How long a nonce is remembered: longer than any command stays fresh (issued up to MAX_AGE in
     * the future, accepted until MAX_AGE in the past), with a margin.
     */
    static final Duration NONCE_KEPT = MAX_AGE.multipliedBy(2).plusMinutes(1);
    /** Nonces kept at most; commands arrive a few a day, so this spans far more than MAX_AGE. */
    static final int MAX_NONCES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the gate does for the commands that are not gate-loop actions. Each returns a short detail. */
    public interface Actions {
        String resend(long fromSeq, long toSeq) throws Exception;

        String reloadConfig() throws Exception;
    }

    private final String gateId;
    private final RootKeys keys;
    private final TrustDb nonces;
    private final GateControl control;
    private final Actions actions;
    private final Journal journal;
    private final Runnable wake;
    private final Consumer<byte[]> results;
    private final Clock clock;
    private final Rejections unsigned;

    public CommandHandler(String gateId, RootKeys keys, TrustDb nonces, GateControl control, Actions actions,
            Journal journal, Runnable wake, Consumer<byte[]> results, Clock clock) {
        this.gateId = Objects.requireNonNull(gateId);
        this.keys = Objects.requireNonNull(keys);
        this.nonces = Objects.requireNonNull(nonces);
        this.control = Objects.requireNonNull(control);
        this.actions = Objects.requireNonNull(actions);
        this.journal = Objects.requireNonNull(journal);
        this.wake = Objects.requireNonNull(wake);
        this.results = Objects.requireNonNull(results);
        this.clock = Objects.requireNonNull(clock);
        this.unsigned = new Rejections(clock);
    }

    /** Handles one message from the command topic; never throws. Returns the result document. */
    public Map<String, Object> handle(byte[] message) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", 1);
        r.put("type", "command_result");
        r.put("gate", gateId);
        try {
            SignedEnvelope.Verified v = SignedEnvelope.verify(message, keys);
            r.put("kid", v.kid());
            Command c;
            try {
                c = Command.parse(v.payload());
            } catch (Command.Invalid e) {
                r.put("commandId", e.commandId());
                return finish(r, "rejected", "malformed", e.getMessage());
            }
            r.put("commandId", c.id());
            r.put("action", c.action().name());
            return finish(r, check(c, v.kid()));
        } catch (SignedEnvelope.Rejected e) {
            // Not signed by a root key: anyone on the broker can send these, so they are rate-limited.
            OptionalLong dropped = unsigned.admit(e.code());
            if (dropped.isEmpty()) {
                // Over the rate: answered to the caller, but neither journaled nor published.
                r.put("result", "rejected");
                r.put("reason", e.code());
                r.put("detail", "not signed by a root key; more such messages than the rate limit allows,"
                        + " so this one is not recorded");
                return r;
            }
            if (dropped.getAsLong() > 0) {
                r.put("suppressed", dropped.getAsLong());
            }
            return finish(r, "rejected", e.code(), Rejections.excerpt(e.getMessage()));
        }
    }

    private Map<String, Object> finish(Map<String, Object> r, String[] outcome) {
        return finish(r, outcome[0], outcome[1], outcome[2]);
    }

    private String[] check(Command c, String kid) {
        if (!c.gate().equals(gateId)) {
            return rejected("wrong_gate", "addressed to another gate");
        }
        Instant now = clock.instant();
        if (Duration.between(c.issuedAt(), now).abs().compareTo(MAX_AGE) > 0) {
            return rejected("stale", "issuedAt is more than " + MAX_AGE.toMinutes() + " min from the gate's clock");
        }
        try {
            if (!nonces.firstUse(c.nonce(), now, now.minus(NONCE_KEPT), MAX_NONCES)) {
                return rejected("replayed", "nonce already used");
            }
        } catch (IOException e) {
            // Without a durable nonce we cannot rule out a replay after a restart: refuse.
            LOG.error("command refused: nonce store failed: {}", e.getMessage());
            return rejected("internal", "nonce store unavailable");
        }
        String actor = "server:" + kid;
        try {
            String detail = switch (c.action()) {
                case Command.Open o -> {
                    control.manualOpen(actor, o.reason());
                    yield "opening once";
                }
                case Command.SetMode m -> {
                    control.setMode(actor, m.mode());
                    yield "mode " + m.mode();
                }
                case Command.ReloadConfig rc -> actions.reloadConfig();
                case Command.Resend rs -> actions.resend(rs.fromSeq(), rs.toSeq());
            };
            return new String[] {"accepted", "ok", detail};
        } catch (Exception e) {
            LOG.warn("command {} failed: {}", c.action().name(), e.getClass().getSimpleName());
            return rejected("failed", String.valueOf(e.getMessage()));
        }
    }

    private static String[] rejected(String reason, String detail) {
        return new String[] {"rejected", reason, detail};
    }

    private Map<String, Object> finish(Map<String, Object> r, String result, String reason, String detail) {
        r.put("result", result);
        r.put("reason", reason);
        r.put("detail", detail);
        r.put("at", clock.instant().toString());
        // The log names the outcome, never the payload.
        LOG.info("command {} {}: {}", r.getOrDefault("action", "?"), result, reason);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "command");
        event.put("commandId", r.getOrDefault("commandId", ""));
        event.put("action", r.getOrDefault("action", ""));
        event.put("result", result);
        event.put("reason", reason);
        event.put("detail", detail);
        try {
            journal.append(RecordKind.EVENT, clock.instant(), event);
            wake.run();
        } catch (JournalException e) {
            LOG.error("command result could not be journaled: {}", e.getMessage());
        }
        try {
            results.accept(JSON.writeValueAsBytes(r));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("command result could not be published: {}", e.getClass().getSimpleName());
        }
        return r;
    }
}
