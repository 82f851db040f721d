package org.gridgate.uplink.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;

/**
 * Debian's mosquitto on 127.0.0.1:{@code port} with a generated config, persistence in {@code dir}
 * (so a persistent subscriber's queue survives a restart, as on a real server). Stop and start it
 * again to simulate an outage.
 */
final class MosquittoBroker implements AutoCloseable {
    private final String exe = SystemTools.require("mosquitto", "mosquitto");
    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    /** The broker-side limit, larger than a gate's default inbound cap (256 KiB) so both can be tested. */
    static final int MAX_PACKET = 1024 * 1024;

    MosquittoBroker(Path dir, int port) {
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
                    "max_inflight_messages 100",
                    // As docs/mqtt.md advises for a gridgate broker: refuse what no gate would accept.
                    "max_packet_size " + MAX_PACKET,
                    "user " + System.getProperty("user.name"),
                    "log_dest file " + dir.resolve("mosquitto.log"),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MosquittoBroker start() {
        try {
            process = new ProcessBuilder(exe, "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until(Duration.ofSeconds(10), "mosquitto listening on " + port, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ", see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM: mosquitto saves its persistence file and exits. */
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
