package org.gridgate.sim.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A pseudo-terminal pair made by socat: the gate opens {@code gate-<id>}, the simulator plays the
 * device on {@code dev-<id>}. Killing socat is a real unplug as the gate sees it.
 */
public final class PtyPair implements AutoCloseable {
    private final Process socat;
    private final Path gate;
    private final Path device;

    private PtyPair(Process socat, Path gate, Path device) {
        this.socat = socat;
        this.gate = gate;
        this.device = device;
    }

    /** Starts socat and returns once it reports its transfer loop running (both links exist then). */
    public static PtyPair start(String socatPath, Path dir, String id) throws IOException {
        Path gate = dir.resolve("gate-" + id);
        Path device = dir.resolve("dev-" + id);
        Process p = new ProcessBuilder(socatPath, "-d", "-d",
                "pty,raw,echo=0,link=" + gate, "pty,raw,echo=0,link=" + device)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = log.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("starting data transfer loop")) {
                // keep draining socat's log so it never blocks on a full pipe
                // platform thread: a blocking pipe read would pin a virtual thread's carrier
                Thread.ofPlatform().daemon(true).name("socat-log-" + id).start(() -> drain(log));
                return new PtyPair(p, gate, device);
            }
        }
        p.destroy();
        throw new IOException("socat ended before the pty pair for " + id + " was ready:\n" + seen);
    }

    private static void drain(BufferedReader log) {
        try {
            while (log.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // socat ended
        }
    }

    public Path gate() {
        return gate;
    }

    public Path device() {
        return device;
    }

    @Override
    /**
     * Stops socat and waits until it is gone: it unlinks both links as it exits, and a caller that
     * deletes the folder next (a test's temp dir) must not race it.
     */
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
