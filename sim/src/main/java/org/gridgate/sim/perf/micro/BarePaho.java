package org.gridgate.sim.perf.micro;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The peer of the gate's uplink: a bare Paho client publishing payloads already in memory at QoS 1
 * with the same in-flight window, nothing else (no journal read, no marks). Timed from connected to
 * the last PUBACK.
 */
final class BarePaho {
    private BarePaho() {}

    /** Publishes every payload in order; returns messages per second. */
    static double publish(String uri, String topic, List<byte[]> payloads, int window) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "bench-paho-" + System.nanoTime(), new MemoryPersistence());
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(window);
            client.connect(o).waitForCompletion(10_000);
            Semaphore free = new Semaphore(window);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            IMqttActionListener acked = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    free.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed.compareAndSet(null, e);
                    free.release();
                }
            };
            long t0 = System.nanoTime();
            for (byte[] p : payloads) {
                free.acquire();
                client.publish(topic, p, 1, false, null, acked);
            }
            if (!free.tryAcquire(window, 5, TimeUnit.MINUTES)) { // every PUBACK in
                throw new IllegalStateException("bare publisher: PUBACKs missing after 5 minutes");
            }
            long nanos = System.nanoTime() - t0;
            if (failed.get() != null) {
                throw new IllegalStateException("bare publish failed", failed.get());
            }
            client.disconnect().waitForCompletion(10_000);
            return payloads.size() / (nanos / 1e9);
        } finally {
            client.close(true);
        }
    }
}
