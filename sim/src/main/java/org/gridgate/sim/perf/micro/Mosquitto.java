package org.gridgate.sim.perf.micro;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Debian's mosquitto on 127.0.0.1:{@code port} with a generated config. Persistence is on (in
 * {@code dir}), so a persistent subscriber's session and queue survive a stop and start: the outage
 * the drain benchmark simulates. Queues and the in-flight window towards subscribers are unbounded,
 * so the verifying subscriber never loses a message to a broker limit.
 */
final class Mosquitto implements AutoCloseable {
    private final String exe;
    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(String exe, Path dir, int port) throws IOException {
        this.exe = exe;
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        Files.createDirectories(dir);
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir + "/",
                "max_queued_messages 0",
                "max_inflight_messages 0",
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                ""));
    }

    /** A broker on a free loopback port, not started yet; fails clearly if mosquitto is not installed. */
    static Mosquitto onFreePort(Path dir) throws IOException {
        String exe = find("mosquitto").orElseThrow(() -> new IllegalStateException(
                "mosquitto is not installed (apt-get install mosquitto): the drain benchmark needs Debian's broker"));
        return new Mosquitto(exe, dir, freePort());
    }

    /** Absolute path of {@code name} on PATH or in /usr/sbin and /sbin, where Debian puts mosquitto. */
    static Optional<String> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, name);
            if (!d.isEmpty() && f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it accepts connections (at most 10 s). */
    Mosquitto start() throws IOException {
        process = new ProcessBuilder(exe, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto not listening on " + port + " after 10 s; see " + dir);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** SIGTERM: mosquitto writes its persistence file and exits. */
    void stop() throws InterruptedException {
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
