package org.gridgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.Await;
import org.gridgate.testing.FakeNotifySocket;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gate jar as systemd runs it: serial devices on socat pseudo-terminals, GPIO on the mock
 * provider, a fake NOTIFY_SOCKET. READY comes once the gate is up, WATCHDOG while the loop turns,
 * a code typed into the scanner's port is decided and journaled, and SIGTERM stops it cleanly with
 * the lock in its safe state and an intact journal.
 */
class GateDaemonIT {
    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();

    /** Waits for every child to be gone: socat unlinks its pty links on exit, racing the temp dir's cleanup. */
    @AfterEach
    void kill() throws InterruptedException {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Process socat(String name) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        Process p = new ProcessBuilder(socat, "pty,raw,echo=0,link=" + dir.resolve(name + "-gate"),
                "pty,raw,echo=0,link=" + dir.resolve(name + "-dev"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-socat.log").toFile()).start();
        processes.add(p);
        Await.until(Duration.ofSeconds(10), "socat links for " + name,
                () -> Files.exists(dir.resolve(name + "-gate")) && Files.exists(dir.resolve(name + "-dev")));
        return p;
    }

    @Test
    void runsUnderAServiceManagerAndStopsCleanlyOnSigterm() throws Exception {
        socat("thermo");
        socat("scanner");
        Path config = dir.resolve("gate.yaml");
        Files.writeString(config, """
                gate: { id: it-gate, community: it-community, timezone: UTC }
                storage: { journal: journal.db, identityKeyFile: identity.key }
                thermometer:
                  model: gy-mcu90614
                  transport: serial
                  port: %s
                  baud: 115200
                scanners:
                  - { id: scanner-out, direction: exit, transport: serial, port: %s, baud: 115200 }
                gpio:
                  provider: mock
                  lock: { pin: 4, activeLow: true, safeState: locked }
                """.formatted(dir.resolve("thermo-gate"), dir.resolve("scanner-gate")));
        Path jar = Path.of("target", "gridgate-gate.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "the packaged jar: " + jar);
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-jar", jar.toString(), "run",
                    "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("gate.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("NOTIFY_SOCKET", systemd.address());
            pb.environment().put("WATCHDOG_USEC", "2000000");
            Process gate = pb.start();
            processes.add(gate);

            String ready = systemd.expect(Duration.ofSeconds(60), "READY from the gate: " + log());
            assertTrue(ready.startsWith("READY=1"), ready);
            assertTrue(waitFor(systemd, "WATCHDOG=1", Duration.ofSeconds(30)), "the watchdog is petted while idle");

            try (OutputStream scanner = new FileOutputStream(dir.resolve("scanner-dev").toFile())) {
                scanner.write("not-a-health-code\r".getBytes(StandardCharsets.US_ASCII));
            }
            Await.until(Duration.ofSeconds(30), () -> "a passage in the journal; log: " + log(),
                    () -> count("kind = 'passage'") == 1);

            gate.destroy(); // SIGTERM
            assertTrue(waitFor(systemd, "STOPPING=1", Duration.ofSeconds(20)), "STOPPING on SIGTERM: " + log());
            assertTrue(gate.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(143, gate.exitValue(), "terminated by SIGTERM, handled by the shutdown hook");
        }
        assertEquals("ok", query("PRAGMA integrity_check"));
        assertEquals(1, count("kind = 'event' AND json_extract(payload, '$.event') = 'stopped'"
                + " AND json_extract(payload, '$.lock') = 'locked'"), "the last thing recorded: stopped, lock safe");
        assertTrue(log().contains("lock in its safe state"), log());
        String payload = query("SELECT payload FROM record WHERE kind = 'passage'");
        assertTrue(payload.contains("\"code_unreadable\"") || payload.contains("\"no_identity\""), payload);
    }

    private static boolean waitFor(FakeNotifySocket systemd, String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> m = systemd.receive(Duration.ofMillis(200));
            if (m.isPresent() && m.get().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("gate.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private long count(String where) {
        try {
            return Long.parseLong(query("SELECT COUNT(*) FROM record WHERE " + where));
        } catch (Exception e) {
            return -1;
        }
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        }
    }
}
