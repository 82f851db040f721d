package org.gridgate.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.passage.Direction;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateSnapshot;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final GateIdentity GATE = new GateIdentity("gate-7", "sunflower-court", ZoneId.of("Asia/Shanghai"));
    static final byte[] KID = {7, 7, 7, 7, 7, 7, 7, 7};
    static final String ACTOR = "server:" + Base64.getEncoder().encodeToString(KID);

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    final KeyPair root = TestCredentials.ecKeys();
    final List<String> calls = new ArrayList<>();
    final List<JsonNode> published = new ArrayList<>();
    SqliteJournal journal;
    TrustDb db;
    CommandHandler handler;

    final GateControl control = new GateControl() {
        @Override
        public void manualOpen(String actor, String reason) {
            calls.add("open " + actor + " " + reason);
        }

        @Override
        public void setMode(String actor, GateMode mode) {
            calls.add("mode " + actor + " " + mode);
        }

        @Override
        public void assistedPass(String volunteer, String subject, Direction direction) {}

        @Override
        public void confirmMask(String volunteer) {}

        @Override
        public void acknowledgeAlarm(String volunteer, long alarmSeq) {}

        @Override
        public GateSnapshot snapshot() {
            throw new UnsupportedOperationException();
        }
    };

    final CommandHandler.Actions actions = new CommandHandler.Actions() {
        @Override
        public String resend(long fromSeq, long toSeq) {
            calls.add("resend " + fromSeq + ".." + toSeq);
            return "resent";
        }

        @Override
        public String reloadConfig() {
            throw new IllegalStateException("config not valid: x.yaml:3: gate.id: missing required field");
        }
    };

    @BeforeEach
    void open() throws Exception {
        journal = new SqliteJournal(dir.resolve("journal.db"), GATE,
                new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), clock);
        db = TrustDb.open(dir.resolve("trust.db"));
        handler = handler(db);
    }

    CommandHandler handler(TrustDb nonces) {
        return new CommandHandler("gate-7", SignedEnvelopeTest.keys(KID, root), nonces, control, actions, journal,
                () -> {}, bytes -> {
                    try {
                        published.add(JSON.readTree(bytes));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }, clock);
    }

    @AfterEach
    void close() {
        db.close();
        journal.close();
    }

    Map<String, Object> command(String action, String nonce, Instant iat) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("v", 1);
        c.put("type", "command");
        c.put("id", "cmd-" + nonce);
        c.put("gate", "gate-7");
        c.put("issuedAt", iat.toString());
        c.put("nonce", nonce);
        c.put("action", action);
        return c;
    }

    byte[] signed(Map<String, Object> c) throws Exception {
        return SignedEnvelope.sign(JSON.writeValueAsBytes(c), KID, root.getPrivate());
    }

    @Test
    void openAndSetModeGoThroughGateControlAsTheServerKey() throws Exception {
        Map<String, Object> open = command("open", "nonce-0001", clock.instant());
        open.put("reason", "ambulance");
        Map<String, Object> mode = command("set_mode", "nonce-0002", clock.instant().minusSeconds(60));
        mode.put("mode", "LOCKDOWN");
        assertEquals("accepted", handler.handle(signed(open)).get("result"));
        assertEquals("accepted", handler.handle(signed(mode)).get("result"));
        assertEquals(List.of("open " + ACTOR + " ambulance", "mode " + ACTOR + " LOCKDOWN"), calls);
        assertEquals("cmd-nonce-0001", published.get(0).path("commandId").asText());
        assertEquals("accepted", published.get(1).path("result").asText());
        List<JournalEntry> events = journal.range(1, 100, 100);
        assertEquals(2, events.size());
        assertEquals(RecordKind.EVENT, events.get(0).kind());
        JsonNode e = JSON.readTree(events.get(0).payloadJson());
        assertEquals("command", e.path("event").asText());
        assertEquals("open", e.path("action").asText());
        assertEquals("accepted", e.path("result").asText());
    }

    @Test
    void staleReplayedWrongGateUnsignedAndForgedAreRejectedAndReported() throws Exception {
        Map<String, Object> fresh = command("resend", "nonce-0003", clock.instant());
        fresh.put("fromSeq", 5);
        fresh.put("toSeq", 9);
        assertEquals("ok", handler.handle(signed(fresh)).get("reason"));
        assertEquals("replayed", handler.handle(signed(fresh)).get("reason"));

        Map<String, Object> old = command("set_mode", "nonce-0004", clock.instant().minus(Duration.ofMinutes(6)));
        old.put("mode", "NORMAL");
        assertEquals("stale", handler.handle(signed(old)).get("reason"));
        Map<String, Object> future = command("set_mode", "nonce-0005", clock.instant().plus(Duration.ofMinutes(6)));
        future.put("mode", "NORMAL");
        assertEquals("stale", handler.handle(signed(future)).get("reason"));

        Map<String, Object> other = command("set_mode", "nonce-0006", clock.instant());
        other.put("mode", "NORMAL");
        other.put("gate", "gate-8");
        assertEquals("wrong_gate", handler.handle(signed(other)).get("reason"));

        Map<String, Object> plain = command("set_mode", "nonce-0007", clock.instant());
        plain.put("mode", "NORMAL");
        assertEquals("malformed", handler.handle(JSON.writeValueAsBytes(plain)).get("reason"));
        byte[] forged = SignedEnvelope.sign(JSON.writeValueAsBytes(plain), KID, TestCredentials.ecKeys().getPrivate());
        assertEquals("bad_signature", handler.handle(forged).get("reason"));

        Map<String, Object> badMode = command("set_mode", "nonce-0008", clock.instant());
        badMode.put("mode", "PARTY");
        assertEquals("malformed", handler.handle(signed(badMode)).get("reason"));

        assertEquals(List.of("resend 5..9"), calls);
        assertEquals(8, published.size());
        assertEquals(8, journal.stats().total());
        assertTrue(published.stream().skip(1).allMatch(p -> p.path("result").asText().equals("rejected")));
    }

    @Test
    void aNonceStaysUsedAcrossARestart() throws Exception {
        Map<String, Object> c = command("open", "nonce-restart", clock.instant());
        c.put("reason", "delivery");
        assertEquals("accepted", handler.handle(signed(c)).get("result"));
        db.close();
        db = TrustDb.open(dir.resolve("trust.db"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("replayed", handler(db).handle(signed(c)).get("reason"));
        assertEquals(1, calls.size());
    }

    @Test
    void aFailingActionIsReportedWithItsReason() throws Exception {
        JsonNode r = JSON.valueToTree(handler.handle(signed(command("reload_config", "nonce-0009", clock.instant()))));
        assertEquals("rejected", r.path("result").asText());
        assertEquals("failed", r.path("reason").asText());
        assertTrue(r.path("detail").asText().startsWith("config not valid"));
    }

    @Test
    void mutatedAndRandomMessagesNeverThrowAndActAtMostOnce() throws Exception {
        Map<String, Object> c = command("open", "nonce-fuzz-01", clock.instant());
        c.put("reason", "fuzz");
        byte[] valid = signed(c);
        java.util.Random random = new java.util.Random(42);
        int accepted = 0;
        for (int i = 0; i < 300; i++) {
            byte[] m = valid.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            if ("accepted".equals(handler.handle(m).get("result"))) {
                accepted++;
            }
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            assertEquals("rejected", handler.handle(noise).get("result"));
        }
        assertTrue(accepted <= 1, "one nonce, one action: " + accepted);
        assertTrue(calls.size() <= 1, calls.toString());
    }

    /**
     * Finding 5 of issue 20: three unsigned envelopes with a 3 MB kid made three 4 MB journal records
     * (and a 12 MB log, and three 4 MB results published). Now each report quotes a short escaped prefix
     * at most, and a flood of them is reported at most ten times a minute, the rest counted.
     */
    @Test
    void aHugeKidIsNotEchoedAndUnsignedFloodsAreRateLimited() throws Exception {
        String kid = "A".repeat(3 * 1024 * 1024);
        byte[] env = ("{\"v\":1,\"kid\":\"" + kid + "\",\"alg\":\"ES256\",\"payload\":\"AA==\",\"sig\":\"AA==\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            handler.handle(env);
        }
        List<JournalEntry> events = journal.range(1, Long.MAX_VALUE, 100);
        assertEquals(3, events.size());
        for (JournalEntry e : events) {
            assertTrue(e.toString().length() < 1000, "journal record of " + e.toString().length() + " chars");
        }
        assertTrue(published.stream().allMatch(p -> p.toString().length() < 1000), "published results stay small");

        for (int i = 0; i < 50; i++) { // garbage keeps coming within the same minute
            handler.handle(("not json " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        long malformed = journal.range(1, Long.MAX_VALUE, 1000).size();
        assertTrue(malformed <= 3 + org.gridgate.uplink.Rejections.PER_MINUTE, malformed + " events journaled");
        clock.advance(Duration.ofMinutes(1));
        handler.handle("still not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode last = published.get(published.size() - 1);
        assertTrue(last.path("suppressed").asLong() > 0, "the next report counts what was dropped: " + last);
    }
}
