package org.gridgate.uplink.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.timing.Scheduler;
import org.gridgate.uplink.Inbound;
import org.gridgate.uplink.Uplink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink over MQTT 3.1.1 with Eclipse Paho. SQLite is the outbox, so Paho keeps nothing on disk
 * ({@link MemoryPersistence}) and every (re)connect resends from the oldest undelivered record
 * as new publishes, not Paho's DUP retransmissions (at-least-once; the server drops duplicates by
 * record id; see {@link OutboxPump#disconnected}). The session is persistent
 * ({@code cleanSession=false} under the fixed client id): a clustered broker keeps the gate's
 * subscriptions and the messages queued for it when the node it was connected to dies, and the
 * gate resumes that session on the next node of {@code mqtt.uris}. Paho's traps are
 * handled here: it does not retry the first connect, and its automatic reconnect waits exactly 1, 2,
 * 4, 8 s, so every gate of a dead node would try the next node at the same instants. Both are ours
 * instead: every connect, first or after a lost link, is retried on the {@link Scheduler} after an
 * equal-jitter doubling wait, one attempt at a time ({@link Connector}). Paho does not resubscribe
 * after a reconnect (we do, in {@code connectComplete}), and its in-flight window defaults to 10
 * (we set the configured one).
 *
 * <p>This class owns the connection (connect, backoff, failover, status, close). Publishing the
 * journal's records is {@link OutboxPump}'s job on its own thread; handing what the server sends to
 * the gate is {@link Subscriptions}'s.
 *
 * <p>Logs carry state changes only: never payloads, which may hold masked identities.
 */
public final class PahoUplink implements Uplink {
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);
    /** Room above the record window for status publishes, which share Paho's in-flight slots. */
    private static final int STATUS_SLACK = 8;

    private final MqttConfig config;
    private final Topics topics;
    private final UplinkTuning tuning;
    private final StatusMessages status;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final OutboxPump pump;
    private final AtomicBoolean started = new AtomicBoolean();
    private final LinkState linkState = new LinkState(LOG);
    private volatile boolean closed;
    private final Connector connector;
    private final AckWatch ackWatch;

    public PahoUplink(MqttConfig config, GateIdentity gate, Journal journal, Scheduler scheduler, Clock clock,
            UplinkTuning tuning) {
        this.config = Objects.requireNonNull(config);
        this.topics = Topics.of(config.topicRoot(), gate);
        Objects.requireNonNull(scheduler);
        this.tuning = Objects.requireNonNull(tuning);
        int window = config.inflight() > 0 ? config.inflight() : 256;
        this.status = new StatusMessages(gate, clock);
        try {
            this.client = new MqttAsyncClient(config.uris().get(0), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + config.uris() + ": " + e, e);
        }
        this.options = new MqttConnectOptions();
        options.setServerURIs(config.uris().toArray(String[]::new));
        options.setCleanSession(false);
        // 3.1.1 only: by default Paho retries a failed connect as MQTT 3.1 ("MQIsdp"), which brokers such
        // as NATS refuse, doubling the attempts and hiding the first error behind a protocol error.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false); // ours, with jitter: see Connector
        options.setMaxInflight(window + STATUS_SLACK);
        options.setKeepAliveInterval(config.keepAliveS());
        options.setConnectionTimeout((int) Math.max(1, tuning.connectTimeout().toSeconds()));
        options.setWill(topics.status(), status.lastWill(), 1, true);
        if (config.tls().isPresent()) {
            try {
                options.setSocketFactory(TlsSockets.factory(config.tls().get()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("mqtt.tls: " + e.getMessage(), e);
            }
        }
        BrokerLogin.apply(config, options, LOG);
        this.connector = new Connector(client, options, scheduler,
                new Backoff(tuning.firstRetry(), tuning.maxRetry(), RandomGenerator.getDefault()), linkState);
        this.pump = new OutboxPump(client, topics, new Outbox(journal, window, clock), tuning.connectTimeout());
        this.ackWatch = new AckWatch(scheduler, tuning.ackStall(), pump::unacknowledgedMillis,
                () -> !closed && client.isConnected(), this::restartStalledLink);
    }

    @Override
    public void start(Inbound inbound) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("uplink already started");
        }
        client.setCallback(new Callbacks(
                new Subscriptions(topics, config.maxInboundBytes(), Objects.requireNonNull(inbound))));
        linkState.to("connecting to " + config.uris());
        connector.connectNow();
    }

    @Override
    public void wake() {
        pump.requestDrain();
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    /** The broker node of {@code mqtt.uris} this uplink is connected to, or empty while disconnected. */
    public java.util.Optional<String> connectedTo() {
        return client.isConnected() ? java.util.Optional.ofNullable(client.getCurrentServerURI())
                : java.util.Optional.empty();
    }

    /**
     * Publishes the retained "online" status with {@code details} added (JSON-compatible values), and
     * again after every reconnect. Never blocks; while disconnected the details wait for the next
     * connect.
     *
     * @throws IllegalArgumentException if a detail is named like a header field ({@code v, gate,
     *     community, state, at}) or is not JSON-compatible
     */
    public void publishStatus(Map<String, Object> details) {
        synchronized (status) { // see publishOnline
            status.details(details);
            if (client.isConnected()) {
                publishQuietly(topics.status(), status.online());
            }
        }
    }

    /**
     * The retained "online" status, built and handed to Paho under one lock with
     * {@link #publishStatus}: the last one queued is always the one with the latest details (the
     * connect callback and the status reporter run on different threads).
     */
    private void publishOnline() {
        synchronized (status) {
            publishQuietly(topics.status(), status.online());
        }
    }

    /**
     * Publishes the result of a command on {@code <gate>/command/result} (QoS 1, not retained). Best
     * effort: the result is also in the journal as an EVENT, which is delivered for certain.
     */
    public void publishCommandResult(byte[] payload) {
        if (client.isConnected()) {
            try {
                client.publish(topics.commandResult(), payload, 1, false);
            } catch (MqttException e) {
                LOG.debug("uplink: command result publish failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Publishes these records again on their topics (a resend command: the server saw a gap), on the
     * uplink's thread after what is queued. They are not re-marked; the server drops duplicates by id.
     */
    public void republish(java.util.List<JournalEntry> entries) {
        pump.republish(entries);
    }

    /** Publishes "offline", disconnects and stops; waits at most {@code closeTimeout} for each step. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pump.closing();
        connector.stop();
        long waitMs = tuning.closeTimeout().toMillis();
        try {
            if (client.isConnected()) {
                client.publish(topics.status(), status.offline(), 1, true).waitForCompletion(waitMs);
                client.disconnect(waitMs).waitForCompletion(waitMs);
            }
        } catch (MqttException e) {
            LOG.info("uplink: clean disconnect failed ({}); the broker will publish the last will", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("uplink: close", e);
        }
        pump.stop(tuning.closeTimeout());
        linkState.to("closed");
    }

    /** Records out with no acknowledgement for {@code ackStall}: drop the link and make it again. */
    private void restartStalledLink(long waitedMillis) {
        linkState.to("no acknowledgement for " + waitedMillis / 1000
                + " s with records out; connecting again to resend them");
        try {
            client.disconnectForcibly(0, 1000);
        } catch (MqttException e) {
            // down anyway
        }
        pump.disconnected();
        connector.connectNow();
    }

    private void publishQuietly(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, true);
        } catch (MqttException e) {
            LOG.debug("uplink: status publish failed: {}", e.getMessage());
        }
    }

    static String reason(Throwable t) {
        return t == null ? "unknown" : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Paho's callbacks; they run on Paho's callback thread and must not block it. */
    private final class Callbacks implements MqttCallbackExtended {
        private final Subscriptions subscriptions;

        Callbacks(Subscriptions subscriptions) {
            this.subscriptions = subscriptions;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            linkState.to("connected to " + serverURI);
            // the broker may have lost the session (restarted without persistence, expired)
            subscriptions.subscribe(client);
            publishOnline();
            pump.connected();
            ackWatch.start();
        }

        @Override
        public void connectionLost(Throwable cause) {
            pump.disconnected(); // before the reconnect, which resends from the journal
            linkState.to("connection lost (" + reason(cause) + "); reconnecting in the background");
            connector.lost();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            subscriptions.arrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            pump.delivered(token);
        }
    }
}
