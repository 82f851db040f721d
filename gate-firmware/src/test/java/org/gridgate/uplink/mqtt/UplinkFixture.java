package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.testing.MqttSubscriber;
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.timing.Scheduler;
import org.gridgate.uplink.Inbound;

/** One gate's journal and uplink against a broker at {@code uri}, plus what the tests check on them. */
final class UplinkFixture implements AutoCloseable {
    static final GateIdentity GATE = new GateIdentity("gate-7", "sunflower-court", ZoneId.of("Asia/Shanghai"));
    static final String PREFIX = "gridgate/sunflower-court/gate-7/";
    /**
     * Quick retries; the connect timeout stays at the production 10 s: a refused or reset link fails at
     * once anyway, and a 2 s limit made a slow CONNACK on a loaded machine look like an outage.
     */
    static final UplinkTuning FAST =
            new UplinkTuning(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(2));

    final SqliteJournal journal;
    final PahoUplink uplink;
    final ExecutorScheduler executor = new ExecutorScheduler("test-scheduler");
    /** Every delay the uplink asked its scheduler for, in order (connect waits and the ack watch's looks). */
    final ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> inbound = new ConcurrentLinkedQueue<>();
    private final List<JournalEntry> appended = new ArrayList<>();

    /** {@link #FAST} with a 3 s acknowledgement stall instead of the gate's 30 s. */
    static final UplinkTuning FAST_ACK_STALL = new UplinkTuning(FAST.firstRetry(), FAST.maxRetry(),
            FAST.connectTimeout(), FAST.closeTimeout(), Duration.ofSeconds(3));

    UplinkFixture(Path dir, List<String> uris, int inflight) throws JournalException {
        this(dir, uris, inflight, FAST);
    }

    UplinkFixture(Path dir, List<String> uris, int inflight, UplinkTuning tuning) throws JournalException {
        journal = new SqliteJournal(dir.resolve("journal.db"), GATE,
                new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC());
        Scheduler recording = (delay, action) -> {
            delays.add(delay);
            return executor.schedule(delay, action);
        };
        uplink = new PahoUplink(new MqttConfig(uris, "gate-7-test", "gridgate", inflight, 30), GATE, journal,
                recording, Clock.systemUTC(), tuning);
    }

    void start() {
        uplink.start(new Inbound() {
            @Override
            public void received(String channel, byte[] payload) {
                inbound.add(channel + ":" + new String(payload, StandardCharsets.UTF_8));
            }

            @Override
            public void tooLarge(String channel, int bytes) {
                inbound.add(channel + ":too large:" + bytes);
            }
        });
    }

    List<JournalEntry> append(int n) throws JournalException {
        List<JournalEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordKind kind = RecordKind.values()[appendedCount() % 3];
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("n", appendedCount());
            body.put("outcome", "granted");
            JournalEntry e = journal.append(kind, Instant.now(), body);
            synchronized (appended) {
                appended.add(e);
            }
            out.add(e);
            uplink.wake();
        }
        return out;
    }

    int appendedCount() {
        synchronized (appended) {
            return appended.size();
        }
    }

    List<JournalEntry> appended() {
        synchronized (appended) {
            return List.copyOf(appended);
        }
    }

    /** Records the subscriber got, in arrival order (status messages left out). */
    static List<MqttSubscriber.Received> records(MqttSubscriber s) {
        return s.received().stream().filter(r -> !r.topic().endsWith("/status")).toList();
    }

    /** Exactly the journal's records, byte for byte, on their kind's topic, in seq order, no duplicates. */
    static void assertExactly(List<JournalEntry> expected, List<MqttSubscriber.Received> got) {
        assertEquals(expected.size(), got.size(), () -> "record count; got " + describe(got));
        for (int i = 0; i < expected.size(); i++) {
            JournalEntry e = expected.get(i);
            assertEquals(PREFIX + e.kind().topicLevel(), got.get(i).topic(), () -> describe(got));
            assertArrayEquals(e.payloadJson().getBytes(StandardCharsets.UTF_8), got.get(i).payload(), "record " + i);
        }
    }

    /**
     * At-least-once: after dropping duplicates by id (as the server does), every record exactly once,
     * byte for byte, and first arrivals in seq order.
     */
    static void assertAllInOrderAfterDedup(List<JournalEntry> expected, List<MqttSubscriber.Received> got) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> firstIds = new ArrayList<>();
        Map<String, byte[]> byId = new LinkedHashMap<>();
        for (MqttSubscriber.Received r : got) {
            String id = json.readTree(r.payload()).get("id").asText();
            if (byId.putIfAbsent(id, r.payload()) == null) {
                firstIds.add(id);
            }
        }
        assertEquals(expected.stream().map(e -> e.id().toString()).toList(), firstIds);
        for (JournalEntry e : expected) {
            assertArrayEquals(e.payloadJson().getBytes(StandardCharsets.UTF_8), byId.get(e.id().toString()));
        }
        assertTrue(got.size() >= expected.size());
    }

    static String idOf(MqttSubscriber.Received r) {
        try {
            return new ObjectMapper().readTree(r.payload()).get("id").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String describe(List<MqttSubscriber.Received> got) {
        return got.stream().map(r -> r.topic().substring(PREFIX.length()) + "#"
                + new String(r.payload(), StandardCharsets.UTF_8).replaceAll(".*\"seq\":(\\d+).*", "$1")
                + (r.retained() ? "R" : "")).toList().toString();
    }

    @Override
    public void close() {
        uplink.close();
        executor.close();
        journal.close();
    }
}
