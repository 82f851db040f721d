package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.gridgate.system.ServiceManager;
import org.gridgate.testing.FakeNotifySocket;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier against a real Unix datagram socket standing in for systemd's. */
class SystemdNotifierIT {
    /** Generous: in-process sends are queued before sendto returns, so this never actually waits. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private void assertProtocol(FakeNotifySocket systemd, ServiceManager sm) throws IOException {
        sm.ready("gate-01 open: 1 scanner, thermometer ok");
        sm.status("uplink down, 12 records queued");
        sm.watchdog();
        sm.stopping("SIGTERM: lock to safe state");
        assertEquals("READY=1\nSTATUS=gate-01 open: 1 scanner, thermometer ok", systemd.expect(WAIT, "READY"));
        assertEquals("STATUS=uplink down, 12 records queued", systemd.expect(WAIT, "STATUS"));
        assertEquals("WATCHDOG=1", systemd.expect(WAIT, "WATCHDOG"));
        assertEquals("STOPPING=1\nSTATUS=SIGTERM: lock to safe state", systemd.expect(WAIT, "STOPPING"));
        assertEquals(Optional.empty(), systemd.poll(), "one datagram per call, nothing more");
    }

    @Test
    void speaksTheProtocolToAFilesystemSocket() throws IOException {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"))) {
            ServiceManager sm = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.address()));
            assertInstanceOf(SystemdNotifier.class, sm);
            assertProtocol(systemd, sm);
            assertEquals(0, ((SystemdNotifier) sm).failures());
        }
    }

    @Test
    void speaksTheProtocolToAnAbstractSocket() throws IOException {
        String name = "gridgate-test-" + UUID.randomUUID();
        try (FakeNotifySocket systemd = FakeNotifySocket.bindAbstract(name)) {
            assertEquals("@" + name, systemd.address());
            assertProtocol(systemd, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.address())));
        }
    }

    @Test
    void aMissingSocketIsCountedNotThrown() {
        SystemdNotifier sm = new SystemdNotifier(NotifySocketAddress.parse(dir.resolve("gone").toString()));
        sm.ready("up");
        sm.watchdog();
        assertEquals(2, sm.failures());
    }

    @Test
    void aSocketThatComesBackIsUsedAgain() throws IOException {
        Path path = dir.resolve("later");
        SystemdNotifier sm = new SystemdNotifier(NotifySocketAddress.parse(path.toString()));
        sm.watchdog();
        assertEquals(1, sm.failures());
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(path)) {
            sm.watchdog();
            assertEquals("WATCHDOG=1", systemd.expect(WAIT, "WATCHDOG after the socket appeared"));
            assertEquals(1, sm.failures());
        }
        assertTrue(Files.notExists(path));
    }

    @Test
    void aManagerThatStopsReadingNeverBlocksTheCaller() throws IOException {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("deaf"))) {
            SystemdNotifier sm = new SystemdNotifier(NotifySocketAddress.parse(systemd.address()));
            // Nobody reads: the receive queue fills after a few (max_dgram_qlen) to a few hundred
            // datagrams; a blocking send would hang here, so the test would time out.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 5_000; i++) {
                    sm.status("status " + i);
                }
            });
            assertTrue(sm.failures() > 0, "a full queue is a counted failure");
            assertEquals(Optional.of("STATUS=status 0"), systemd.poll(), "what was queued is intact, in order");
        }
    }

    @Test
    void watchdogPingsReachTheSocketOnlyWhileTheLoopTurns() throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        AtomicLong loopTurns = new AtomicLong();
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("wd"));
                WatchdogPetter petter = new WatchdogPetter(
                        SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.address())),
                        Duration.ofSeconds(10), loopTurns::get, scheduler)) {
            petter.start();
            loopTurns.incrementAndGet();
            scheduler.advance(Duration.ofSeconds(5));
            assertEquals(Optional.of("WATCHDOG=1"), systemd.poll());
            loopTurns.incrementAndGet();
            scheduler.advance(Duration.ofSeconds(5));
            assertEquals(Optional.of("WATCHDOG=1"), systemd.poll());

            scheduler.advance(Duration.ofSeconds(30)); // the loop is stuck from here on
            assertEquals(Optional.empty(), systemd.poll(), "a stuck loop must not be petted");
        }
    }
}
