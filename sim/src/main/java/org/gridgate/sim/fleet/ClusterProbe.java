package org.gridgate.sim.fleet;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * After a broker node is killed: how long until a surviving node serves an MQTT session again. NATS
 * holds a CONNECT for about 4 s and then drops it while the streams the dead node led have no
 * leader, so no gate can fail over sooner than this; what a gate takes beyond it is its own
 * reconnect delay. One persistent-session client tries the surviving nodes in turn until one
 * answers with a CONNACK.
 */
final class ClusterProbe implements AutoCloseable {
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

    /** Seconds from the kill to the first CONNACK of a surviving node, or empty while none answered. */
    OptionalDouble readySeconds() {
        long at = readyAtNanos;
        return at == 0 ? OptionalDouble.empty() : OptionalDouble.of((at - killedAtNanos) / 1e9);
    }

    String line() {
        OptionalDouble s = readySeconds();
        return s.isPresent()
                ? String.format(Locale.ROOT, "cluster: a surviving node served MQTT sessions again %.2f s after the kill", s.getAsDouble())
                : "cluster: no surviving node served an MQTT session after the kill";
    }

    private void probe(List<String> survivors) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(10);
        for (int i = 0; !stop; i++) {
            String uri = survivors.get(i % survivors.size());
            try (MqttClient client = new MqttClient(uri, "gridgate-fleet-probe", new MemoryPersistence())) {
                client.connect(options);
                readyAtNanos = System.nanoTime();
                client.disconnect();
                return;
            } catch (MqttException e) {
                pause(); // refused at once (node down) or dropped after NATS's wait: try the next node
            }
        }
    }

    private void pause() {
        Object monitor = new Object();
        synchronized (monitor) {
            try {
                monitor.wait(250); // nobody notifies: a bounded pause between attempts
            } catch (InterruptedException e) {
                stop = true;
            }
        }
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
