package org.gridgate.uplink.mqtt;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridgate.timing.Scheduler;

/**
 * Makes the link, the first time and every time after it was lost, instead of Paho's automatic
 * reconnect. Paho waits exactly 1, 2, 4, 8 s between its attempts, so every gate that lost the same
 * broker node would knock on the next node at the same instants; here each wait is drawn from
 * {@link Backoff} (equal jitter: between half and all of a doubling step, capped), so a district's
 * gates spread out. One attempt at a time: at most one waits on the {@link Scheduler}, and a connect
 * already under way reports its own outcome. Each attempt tries the whole {@code mqtt.uris} list in
 * order (Paho's server URIs), which is the failover to the next node.
 */
final class Connector {
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final LinkState linkState;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private volatile Scheduler.Cancellable pending;
    private volatile boolean stopped;

    Connector(MqttAsyncClient client, MqttConnectOptions options, Scheduler scheduler, Backoff backoff,
            LinkState linkState) {
        this.client = client;
        this.options = options;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.linkState = linkState;
    }

    /** Connects now; on failure, again after a jittered wait, until connected or stopped. */
    void connectNow() {
        if (stopped) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset(); // the uplink's connectComplete does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed(e);
                }
            });
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                failed(e);
            }
        }
    }

    /** The link was lost: connect again after the first jittered wait. */
    void lost() {
        later();
    }

    /** No more attempts; a waiting one is cancelled. */
    void stop() {
        stopped = true;
        Scheduler.Cancellable p = pending;
        if (p != null) {
            p.cancel();
        }
    }

    private void failed(Throwable cause) {
        if (!stopped && !client.isConnected()) {
            linkState.to("broker unreachable (" + PahoUplink.reason(cause) + "); retrying in the background");
            later();
        }
    }

    private void later() {
        if (!stopped && !client.isConnected() && waiting.compareAndSet(false, true)) {
            pending = scheduler.schedule(backoff.next(), () -> {
                waiting.set(false);
                connectNow();
            });
        }
    }
}
