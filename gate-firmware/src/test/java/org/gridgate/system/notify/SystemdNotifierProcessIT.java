package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.FakeNotifySocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A separate JVM finds NOTIFY_SOCKET in its environment and talks to our fake manager: the recipe
 * the gate's end-to-end test (real jar, SIGTERM) follows.
 */
class SystemdNotifierProcessIT {
    @TempDir
    Path dir;

    @Test
    void childProcessReportsReadyThenStoppingOnSigterm() throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    NotifyingChild.class.getName()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("NOTIFY_SOCKET", systemd.address());
            Process child = pb.start();
            try {
                String ready = systemd.expect(Duration.ofSeconds(30), "READY from the child JVM");
                assertEquals("READY=1\nSTATUS=pid " + child.pid(), ready);

                child.destroy(); // SIGTERM on Linux
                assertEquals("STOPPING=1\nSTATUS=terminated", systemd.expect(Duration.ofSeconds(30), "STOPPING"));
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child exits after SIGTERM");
                assertEquals(143, child.exitValue(), "128 + SIGTERM");
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
