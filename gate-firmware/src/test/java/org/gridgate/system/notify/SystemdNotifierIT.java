package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** A deadline, not a pace: in-process sends are queued before sendto returns, so a pass never waits. */
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void aManagerThatStopsReadingDelaysTheCallerOnlyBriefly() throws IOException {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("deaf"))) {
            SystemdNotifier sm = new SystemdNotifier(NotifySocketAddress.parse(systemd.address()), Duration.ofMillis(50));
            // Nobody reads: the queue fills after max_dgram_qlen datagrams (10 by default, 512
            // where systemd-sysctl ran) or sooner. A blocking send would hang here and time the test out.
            int sends = Math.min(queueLength(), 2_000) + 10; // the kernel queues one past the limit
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < sends; i++) {
                    sm.status("status " + i);
                }
            });
            assertTrue(sm.failures() >= 5, "a queue that stays full is a counted failure: " + sm.failures() + " of " + sends);
            assertEquals(Optional.of("STATUS=status 0"), systemd.poll(), "what was queued is intact, in order");
        }
    }

    private static int queueLength() throws IOException {
        // Not Files.readString: it sizes its read by the file, and /proc files claim to be empty.
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/unix/max_dgram_qlen")).get(0).trim());
    }

    @Test
    void aBusyManagerLosesNothing() throws Exception {
        int count = 3_000;
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("busy"))) {
            // The reader is slower than the sender but never stops: with the production bound (1 s)
            // a busy test machine that leaves the reader unscheduled for a second would count a
            // failure that says nothing about the notifier, so this one waits as long as it takes.
            SystemdNotifier sm = new SystemdNotifier(NotifySocketAddress.parse(systemd.address()), WAIT);
            List<String> received = new ArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (received.size() < count) {
                        received.add(systemd.expect(WAIT, "message " + received.size()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (int i = 0; i < count; i++) {
                sm.status("n" + i); // far more than the queue holds: senders wait for the reader
            }
            reader.join(Duration.ofSeconds(60));
            assertEquals(0, sm.failures());
            assertEquals(count, received.size());
            assertEquals("STATUS=n" + (count - 1), received.get(count - 1));
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
