package org.gridgate.fuzz.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridgate.command.CommandHandler;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.passage.Direction;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.fuzz.FuzzFixtures;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateSnapshot;

/**
 * The command topic: {@link CommandHandler#handle}, the gate's entry point for it. Half the inputs
 * are the raw MQTT payload (the signed envelope itself is fuzzed), the other half the inner command
 * JSON, signed here with the gate's root key so the fuzzer reaches parsing, addressing, freshness,
 * the nonce store and the actions. Property: handle() returns a result "accepted" or "rejected" with
 * a reason code and a readable detail, publishes it once and journals it once; nothing is thrown.
 * Input layout: the payload first; raw/signed (last byte, bit 0: sign) from the end.
 */
class CommandFuzzTest {
    private static final Path DIR = FuzzFixtures.scratch("gridgate-fuzz-command");
    private static final Set<String> STATEFUL = Set.of("ok", "replayed", "failed", "internal");
    private static final List<Map<String, Object>> JOURNALED = new ArrayList<>();
    private static final List<byte[]> PUBLISHED = new ArrayList<>();
    private static int generation;
    private static TrustDb nonces;
    private static CommandHandler handler;

    @FuzzTest(maxDuration = "15s")
    void commandsAreAcceptedOrRejectedWithAReason(FuzzedDataProvider data) throws IOException {
        boolean sign = data.consumeBoolean();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] message = sign && payload.length > 0
                ? SignedEnvelope.sign(payload, FuzzFixtures.KID, FuzzFixtures.KEYS.getPrivate()) : payload;
        if (handler == null) {
            fresh();
        }
        JOURNALED.clear();
        PUBLISHED.clear();

        Map<String, Object> r = handler.handle(message);

        assertTrue(Set.of("accepted", "rejected").contains(r.get("result")), "result " + r.get("result"));
        assertTrue(FuzzFixtures.readable((String) r.get("reason")), "no reason code");
        assertTrue(FuzzFixtures.readable((String) r.get("detail")), "no detail for " + r.get("reason"));
        // Unsigned messages over the rate limit (issue 20) are answered but neither published nor journaled.
        boolean limited = ((String) r.get("detail")).contains("rate limit");
        assertEquals(limited ? 0 : 1, PUBLISHED.size(), "the result is published once, unless rate-limited");
        assertEquals(limited ? 0 : 1, JOURNALED.size(), "the result is journaled once, unless rate-limited");
        if (STATEFUL.contains(r.get("reason"))) {
            fresh(); // a nonce was stored: the next input starts from an empty nonce store again
        }
    }

    private static void fresh() throws IOException {
        if (nonces != null) {
            nonces.close();
        }
        nonces = TrustDb.open(DIR.resolve("nonces-" + ++generation + ".db"));
        handler = new CommandHandler("gate-7", FuzzFixtures.rootKeys(), nonces, CONTROL, ACTIONS, JOURNAL, () -> {},
                PUBLISHED::add, Inbound.CLOCK);
    }

    private static final GateControl CONTROL = new GateControl() {
        @Override
        public void manualOpen(String actor, String reason) {}

        @Override
        public void setMode(String actor, GateMode mode) {}

        @Override
        public void assistedPass(String volunteer, String subject, Direction direction) {}

        @Override
        public void confirmMask(String volunteer) {}

        @Override
        public void acknowledgeAlarm(String volunteer, long alarmSeq) {}

        @Override
        public GateSnapshot snapshot() {
            throw new UnsupportedOperationException("not used by commands");
        }
    };

    private static final CommandHandler.Actions ACTIONS = new CommandHandler.Actions() {
        @Override
        public String resend(long fromSeq, long toSeq) {
            return "resent " + (toSeq - fromSeq + 1) + " records";
        }

        @Override
        public String reloadConfig() {
            return "config reloaded";
        }
    };

    /** Only what the handler uses: append. A durable journal would make every input an fsync. */
    private static final Journal JOURNAL = new Journal() {
        @Override
        public JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) {
            JOURNALED.add(body);
            return new JournalEntry(JOURNALED.size(), UUID.randomUUID(), kind, at, "{}");
        }

        @Override
        public List<JournalEntry> undelivered(long afterSeq, int max) {
            return List.of();
        }

        @Override
        public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
            return List.of();
        }

        @Override
        public void markDelivered(Collection<Long> seqs) {}

        @Override
        public Stats stats() {
            return new Stats(0, 0, 0, 0);
        }

        @Override
        public Pruned prune(Instant now) {
            return Pruned.NOTHING;
        }

        @Override
        public void close() {}
    };
}
