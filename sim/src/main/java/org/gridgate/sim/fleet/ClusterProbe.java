package org.gridgate.sim.fleet;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * After a broker node is killed: how long until a surviving node acknowledges a QoS 1 publish
 * again. NATS holds a CONNECT for about 4 s and then drops it while the streams the dead node led
 * have no leader; what a gate takes beyond the probe is mostly its own reconnect delay (not always:
 * see docs/server.md). One persistent-session client tries the surviving nodes in turn until one
 * acknowledges its publish.
 */
final class ClusterProbe implements AutoCloseable {
    private static final java.time.Duration GIVE_UP = java.time.Duration.ofMinutes(10);

    private final Thread thread;
    private final long killedAtNanos;
    private volatile long readyAtNanos;
    private volatile boolean stop;

    private ClusterProbe(List<String> survivors, long killedAtNanos) {
        this.killedAtNanos = killedAtNanos;
        this.thread = Thread.ofPlatform().daemon().name("fleet-probe").start(() -> probe(survivors));
    }

    /** Starts probing {@code survivors} (MQTT URIs) for a node killed at {@code killedAtNanos}. */
    static ClusterProbe start(List<String> survivors, long killedAtNanos) {
        return new ClusterProbe(survivors, killedAtNanos);
    }

    /** Seconds from the kill to the first PUBACK of a surviving node, or empty while none came. */
    OptionalDouble readySeconds() {
        long at = readyAtNanos;
        return at == 0 ? OptionalDouble.empty() : OptionalDouble.of((at - killedAtNanos) / 1e9);
    }

    String line() {
        OptionalDouble s = readySeconds();
        return s.isPresent()
                ? String.format(Locale.ROOT, "cluster: a surviving node acknowledged a QoS 1 publish again %.2f s after the kill", s.getAsDouble())
                : "cluster: no surviving node acknowledged a QoS 1 publish after the kill";
    }

    private void probe(List<String> survivors) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(10);
        int[] next = {0};
        try { // refused at once (node down) or dropped after NATS's wait: the next node, after Waits' pause
            Waits.until(GIVE_UP, () -> stop || connects(survivors.get(next[0]++ % survivors.size()), options));
        } catch (InterruptedException e) {
            // closed
        }
    }

    private boolean connects(String uri, MqttConnectOptions options) {
        try (MqttClient client = new MqttClient(uri, "gridgate-fleet-probe", new MemoryPersistence())) {
            client.setTimeToWait(10_000);
            client.connect(options);
            client.publish("fleet-probe/ping", new byte[] {1}, 1, false); // returns with the PUBACK
            readyAtNanos = System.nanoTime();
            client.disconnect();
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
