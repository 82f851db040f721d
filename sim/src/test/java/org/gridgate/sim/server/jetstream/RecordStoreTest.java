package org.gridgate.sim.server.jetstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
    @TempDir
    Path dir;

    static RecordStore.Incoming record(String id, String gate, long seq) {
        return new RecordStore.Incoming("$MQTT.msgs.gridgate.c1." + gate + ".passage", ("{\"v\":1,\"id\":\"" + id + "\",\"seq\":" + seq
                + ",\"gate\":\"" + gate + "\",\"community\":\"c1\",\"kind\":\"passage\",\"at\":\"2026-03-01T08:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoWorkersOnOneFileStoreEachRecordOnceWhoeverGetsItFirst() throws Exception {
        try (RecordStore a = new RecordStore(dir.resolve("s.db"), "worker-a");
                RecordStore b = new RecordStore(dir.resolve("s.db"), "worker-b")) {
            assertEquals(new RecordStore.Stored(2, 0, 0), a.store(List.of(record("x1", "g1", 1), record("x2", "g1", 2)), 1));
            // a redelivery of x2 and a gate's resend of x1 reach the other worker
            assertEquals(new RecordStore.Stored(1, 2, 0),
                    b.store(List.of(record("x2", "g1", 2), record("x1", "g1", 1), record("x3", "g1", 3)), 2));
            assertEquals(3, a.count());
            assertEquals(Map.of("g1", new RecordStore.GateRange("g1", 3, 1, 3)), b.ranges());
            assertEquals(0, b.doubleCounted());
            assertEquals(2L, a.tally().get("worker-b")[1]);
        }
    }

    @Test
    void whatIsNotAV1RecordIsSetAsideWithItsReasonNotRetried() throws Exception {
        try (RecordStore s = new RecordStore(dir.resolve("s.db"), "w")) {
            RecordStore.Stored r = s.store(List.of(
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.passage", "not json".getBytes(StandardCharsets.UTF_8)),
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.passage", "{\"v\":2,\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)),
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.passage", ("{\"v\":1,\"id\":\"a\",\"seq\":0,\"gate\":\"g\","
                            + "\"community\":\"c\",\"kind\":\"passage\",\"at\":\"x\"}").getBytes(StandardCharsets.UTF_8)),
                    record("ok", "g1", 1)), 5);
            assertEquals(new RecordStore.Stored(1, 0, 3), r);
            assertEquals(3, s.rejectedCount());
        }
    }

    @Test
    void aGapAndADoubleCountAreVisible() throws Exception {
        try (RecordStore s = new RecordStore(dir.resolve("s.db"), "w")) {
            // seq 2 never arrived; seq 3 arrived under two ids (a gate whose journal was replaced)
            s.store(List.of(record("a", "g1", 1), record("b", "g1", 3), record("c", "g1", 3)), 1);
            RecordStore.GateRange r = s.ranges().get("g1");
            assertEquals(new RecordStore.GateRange("g1", 2, 1, 3), r);
            assertEquals(1, r.missing());
            assertEquals(1, s.doubleCounted());
        }
    }

    @Test
    void statusKeepsTheLatestPerGateAndServerMessagesAreLeftAlone() throws Exception {
        try (RecordStore s = new RecordStore(dir.resolve("s.db"), "w")) {
            RecordStore.Stored r = s.store(List.of(
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.status", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8)),
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.status", "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8)),
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.roster", "{}".getBytes(StandardCharsets.UTF_8)),
                    new RecordStore.Incoming("$MQTT.msgs.gridgate.c1.g1.command.result", "{}".getBytes(StandardCharsets.UTF_8))), 1);
            assertEquals(new RecordStore.Stored(0, 0, 0), r);
            assertEquals(1, s.statusCount());
            assertEquals(0, s.count());
            assertEquals(0, s.rejectedCount());
        }
    }
}
