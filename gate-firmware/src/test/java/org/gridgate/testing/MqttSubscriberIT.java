package org.gridgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared server-side subscriber against Debian's mosquitto: an explicit reconnect loses nothing. */
class MqttSubscriberIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aForcedReconnectOfAPersistentSessionGetsWhatWasPublishedMeanwhile() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                MqttSubscriber server = MqttSubscriber.keeping(broker.uri(), "server", false, "t/#");
                MqttSubscriber publisher = MqttSubscriber.keeping(broker.uri(), "publisher", true, "unused/#")) {
            AtomicInteger reconnects = new AtomicInteger();
            server.onReconnect(reconnects::incrementAndGet);
            for (int i = 0; i < 100; i++) {
                publisher.publish("t/a", bytes(i), false);
            }
            Await.until(WAIT, () -> "first 100, got " + server.received().size(), () -> server.received().size() >= 100);
            server.reconnect();
            for (int i = 100; i < 200; i++) { // while the link is down or coming back: queued by the broker
                publisher.publish("t/a", bytes(i), false);
            }
            Await.until(WAIT, "reconnected", () -> reconnects.get() == 1 && server.connected());
            Await.until(WAIT, () -> "all 200, got " + distinct(server), () -> distinct(server) == 200);
            assertEquals(1, reconnects.get(), "one reconnect for one request");
        }
    }

    private static byte[] bytes(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    private static long distinct(MqttSubscriber s) {
        return s.received().stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).distinct().count();
    }
}
