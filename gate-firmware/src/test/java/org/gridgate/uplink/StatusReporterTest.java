package org.gridgate.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.GateIdentity;
import org.gridgate.passage.Direction;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateSnapshot;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReporterTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    volatile GateMode mode = GateMode.NORMAL;
    volatile Optional<Instant> trustIssued = Optional.empty();

    final GateControl gate = new GateControl() {
        @Override
        public void manualOpen(String actor, String reason) {}

        @Override
        public void setMode(String actor, GateMode m) {}

        @Override
        public void assistedPass(String volunteer, String subject, Direction direction) {}

        @Override
        public void confirmMask(String volunteer) {}

        @Override
        public void acknowledgeAlarm(String volunteer, long alarmSeq) {}

        @Override
        public GateSnapshot snapshot() {
            return new GateSnapshot(clock.instant(), mode, Map.of("thermo-1", DeviceStatus.ok("thermo-1", clock.instant()),
                    "scanner-in", DeviceStatus.fault("scanner-in", "unplugged", clock.instant())), 42, false, Map.of(),
                    List.of());
        }
    };

    final StatusReporter.TrustAge trust = new StatusReporter.TrustAge() {
        @Override
        public Optional<Instant> lastTrustUpdate() {
            return trustIssued;
        }

        @Override
        public boolean stale(Instant now) {
            return trustIssued.map(t -> t.plus(Duration.ofHours(24)).isBefore(now)).orElse(true);
        }
    };

    @Test
    void publishesAtStartOnChangeAndEveryMinute() throws Exception {
        List<Map<String, Object>> published = new ArrayList<>();
        try (SqliteJournal journal = new SqliteJournal(dir.resolve("j.db"),
                new GateIdentity("gate-7", "c", ZoneId.of("UTC")),
                new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), clock)) {
            journal.append(RecordKind.EVENT, clock.instant(), Map.of("event", "started"));
            StatusReporter r = new StatusReporter(gate, journal, trust, "1.2.3", published::add, scheduler, clock);
            r.start();
            assertEquals(1, published.size());
            Map<String, Object> d = published.get(0);
            assertEquals("NORMAL", d.get("mode"));
            assertEquals(1L, d.get("devicesOk"));
            assertEquals(1L, d.get("devicesFault"));
            assertEquals(List.of("scanner-in"), d.get("faultyDevices"));
            assertEquals(42, d.get("rosterSize"));
            assertEquals(1L, d.get("backlog"));
            assertNull(d.get("trustListAgeS"));
            assertEquals(true, d.get("trustStale"));
            assertEquals("1.2.3", d.get("version"));

            scheduler.advance(Duration.ofSeconds(30));
            assertEquals(1, published.size()); // nothing but time changed
            mode = GateMode.LOCKDOWN;
            trustIssued = Optional.of(clock.instant().minusSeconds(100));
            scheduler.advance(StatusReporter.CHECK_EVERY);
            assertEquals(2, published.size());
            assertEquals("LOCKDOWN", published.get(1).get("mode"));
            assertEquals(105L, published.get(1).get("trustListAgeS")); // issued 100 s before the 5 s check
            assertEquals(false, published.get(1).get("trustStale"));
            scheduler.advance(Duration.ofSeconds(55));
            assertEquals(2, published.size());
            scheduler.advance(Duration.ofSeconds(5));
            assertEquals(3, published.size()); // a minute after the last one
            r.stop();
            scheduler.advance(Duration.ofMinutes(5));
            assertEquals(3, published.size());
        }
    }
}
