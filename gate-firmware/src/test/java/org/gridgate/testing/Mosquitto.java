package org.gridgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Debian's mosquitto on 127.0.0.1:{@code port} with a generated config, the one launcher for every
 * module's tests and for the sim's benchmarks. Persistence is on (in {@code dir}), so a persistent
 * subscriber's session and queue survive {@link #stop()} and {@link #start()}: an outage, as on a
 * real server. Queues and the in-flight window towards subscribers are unbounded, so a verifying
 * subscriber never loses a message to a broker limit.
 *
 * <p>Tests get it through {@link #require(Path)} (skips, or fails under {@code gridgate.requireTools},
 * where mosquitto is missing); the benchmarks through {@link #onFreePort(Path)}, which throws. Neither
 * uses JUnit, so main code (the sim's benches) can use this class from gate-firmware's test-jar.
 */
public final class Mosquitto implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** The broker-side limit, larger than a gate's default inbound cap (256 KiB) so both can be tested. */
    public static final int MAX_PACKET = 1024 * 1024;
    private final String exe;
    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(String exe, Path dir, int port) {
        this.exe = exe;
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        try {
            Files.createDirectories(dir);
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence true",
                    "persistence_location " + dir + "/",
                    "max_queued_messages 0",
                    "max_inflight_messages 0",
                    // As docs/mqtt.md advises for a gridgate broker: refuse what no gate would accept.
                    "max_packet_size " + MAX_PACKET,
                    "user " + System.getProperty("user.name"),
                    "log_dest file " + dir.resolve("mosquitto.log"),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests: a broker on a free port, not started; the test is skipped (or fails in CI) without mosquitto. */
    public static Mosquitto require(Path dir) {
        return new Mosquitto(SystemTools.require("mosquitto", "mosquitto"), dir, FreePort.find());
    }

    /** For the benchmarks: a broker on a free port, not started; fails clearly if mosquitto is not installed. */
    public static Mosquitto onFreePort(Path dir) {
        String exe = SystemTools.find("mosquitto").orElseThrow(() -> new IllegalStateException(
                "mosquitto is not installed (apt-get install mosquitto): this needs Debian's broker"));
        return new Mosquitto(exe, dir, FreePort.find());
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it accepts connections; throws if it exits or never listens. */
    public Mosquitto start() {
        try {
            process = new ProcessBuilder(exe, "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("mosquitto not listening on " + port + " after "
                            + START_DEADLINE.toSeconds() + " s; see " + dir);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** SIGTERM: mosquitto writes its persistence file and exits. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
