package org.gridgate.device.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;

/**
 * Two pseudo-terminals joined by socat, at known paths: {@code gate} for the adapter under test,
 * {@code device} for the test playing the device. Stopping socat is an unplug; starting it again
 * with the same link names is a replug.
 */
public final class SocatPair implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicInteger PAIRS = new java.util.concurrent.atomic.AtomicInteger();
    private final String socat;
    public final Path gate;
    public final Path device;
    private Process process;

    public SocatPair(Path dir) {
        this.socat = SystemTools.require("socat", "socat");
        // Unique link names per pair, so two pairs in one JVM never share a name.
        int n = PAIRS.incrementAndGet();
        this.gate = dir.resolve("gate" + n);
        this.device = dir.resolve("device" + n);
    }

    public SocatPair start() throws IOException {
        process = new ProcessBuilder(socat, "-d", "-d", "pty,raw,echo=0,link=" + gate, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Await.until(Duration.ofSeconds(30), "socat links " + gate + " and " + device,
                () -> Files.exists(gate) && Files.exists(device) || !process.isAlive());
        if (!process.isAlive()) {
            fail("socat exited with " + process.exitValue());
        }
        return this;
    }

    /** Kills socat: both ptys vanish, as when the USB adapter is pulled. */
    public void unplug() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            fail("socat did not exit");
        }
        // socat removes its links on a clean exit only; after SIGKILL they dangle.
        try {
            Files.deleteIfExists(gate);
            Files.deleteIfExists(device);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            unplug();
        }
    }
}
