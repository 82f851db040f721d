package org.gridgate.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
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
 * (at-least-once; the server drops duplicates by record id). The session is persistent
 * ({@code cleanSession=false} under the fixed client id): a clustered broker keeps the gate's
 * subscriptions and the messages queued for it when the node it was connected to dies, and the
 * gate resumes that session on the next node of {@code mqtt.uris}. Paho's traps are
 * handled here: it does not retry the first connect (we do, with backoff and jitter on the
 * {@link Scheduler}), it does not resubscribe after a reconnect (we do, in {@code connectComplete}),
 * and its in-flight window defaults to 10 (we set the configured one).
 *
 * <p>Logs carry state changes only: never payloads, which may hold masked identities.
 */
public final class PahoUplink implements Uplink {
    /**
     * Timing knobs; {@link #DEFAULTS} for a gate, shorter ones for tests.
     *
     * @param firstRetry delay before the second attempt at the first connect (doubles up to maxRetry)
     * @param maxRetry cap of the first-connect backoff and of Paho's own reconnect delay
     */
    public record Tuning(Duration firstRetry, Duration maxRetry, Duration connectTimeout, Duration closeTimeout) {
        public static final Tuning DEFAULTS =
                new Tuning(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);
    /** Room above the record window for status publishes, which share Paho's in-flight slots. */
    private static final int STATUS_SLACK = 8;

    private final MqttConfig config;
    private final Topics topics;
    private final Map<String, String> inboundTopics;
    private final Scheduler scheduler;
    private final Tuning tuning;
    private final Backoff backoff;
    private final Outbox outbox;
    private final StatusMessages status;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ExecutorService worker;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final LinkState linkState = new LinkState(LOG);
    private volatile Inbound inbound;
    private volatile boolean closed;
    /**
     * True once the worker has restarted the outbox for the current connection. Paho reports
     * connected before it calls connectComplete; publishing in between would send records the
     * restart then sends again.
     */
    private volatile boolean online;
    private volatile boolean journalFailing;
    private volatile Scheduler.Cancellable retry;

    public PahoUplink(MqttConfig config, GateIdentity gate, Journal journal, Scheduler scheduler, Clock clock,
            Tuning tuning) {
        this.config = Objects.requireNonNull(config);
        this.topics = Topics.of(config.topicRoot(), gate);
        this.inboundTopics = topics.inbound();
        this.scheduler = Objects.requireNonNull(scheduler);
        this.tuning = Objects.requireNonNull(tuning);
        this.backoff = new Backoff(tuning.firstRetry(), tuning.maxRetry(), RandomGenerator.getDefault());
        int window = config.inflight() > 0 ? config.inflight() : 256;
        this.outbox = new Outbox(journal, window);
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
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) tuning.maxRetry().toMillis());
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
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gridgate-uplink");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Inbound inbound) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("uplink already started");
        }
        this.inbound = Objects.requireNonNull(inbound);
        client.setCallback(new Callbacks());
        linkState.to("connecting to " + config.uris());
        attemptConnect();
    }

    @Override
    public void wake() {
        requestDrain();
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
        try {
            worker.execute(() -> {
                java.util.ArrayDeque<IMqttDeliveryToken> pending = new java.util.ArrayDeque<>();
                for (JournalEntry e : entries) {
                    while (true) {
                        try {
                            pending.add(client.publish(topics.record(e.kind()),
                                    e.payloadJson().getBytes(StandardCharsets.UTF_8), 1, false));
                            break;
                        } catch (MqttException ex) {
                            if (ex.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || pending.isEmpty()) {
                                LOG.info("uplink: resend stopped after a failed publish: {}", ex.getMessage());
                                return;
                            }
                            try { // Paho's window is full: wait for our oldest resend to be acknowledged
                                pending.poll().waitForCompletion(tuning.connectTimeout().toMillis());
                            } catch (MqttException gone) {
                                LOG.info("uplink: resend stopped: {}", gone.getMessage());
                                return;
                            }
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Publishes "offline", disconnects and stops; waits at most {@code closeTimeout} for each step. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Scheduler.Cancellable r = retry;
        if (r != null) {
            r.cancel();
        }
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
        worker.shutdown();
        try {
            worker.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        linkState.to("closed");
    }

    private void attemptConnect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset(); // connectComplete does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater(e);
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private void retryLater(Throwable cause) {
        if (closed || client.isConnected()) {
            return;
        }
        linkState.to("broker unreachable (" + reason(cause) + "); retrying in the background");
        retry = scheduler.schedule(backoff.next(), this::attemptConnect);
    }

    private void requestDrain() {
        if (closed || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::drainNow);
        } catch (RejectedExecutionException e) {
            drainQueued.set(false); // closing
        }
    }

    private void drainNow() {
        drainQueued.set(false);
        try {
            if (online && client.isConnected()) {
                outbox.drain(this::send);
            } else {
                outbox.flushMarks();
            }
            if (journalFailing) {
                journalFailing = false;
                LOG.info("uplink: journal readable again");
            }
        } catch (RuntimeException e) {
            if (!journalFailing) {
                journalFailing = true;
                LOG.error("uplink: journal access failed; will retry on the next wake", e);
            }
        }
    }

    private boolean send(JournalEntry e, Outbox.Sent context) {
        try {
            client.publish(topics.record(e.kind()), e.payloadJson().getBytes(StandardCharsets.UTF_8), 1, false,
                    context, null);
            return true;
        } catch (MqttException ex) {
            // Not connected or Paho's window is full: the next ack or connectComplete drains again.
            return false;
        }
    }

    private void publishQuietly(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, true);
        } catch (MqttException e) {
            LOG.debug("uplink: status publish failed: {}", e.getMessage());
        }
    }

    /** One SUBSCRIBE for all channels: once anything arrives, every channel is subscribed. */
    private void subscribe() {
        String[] filters = topics.subscriptions();
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        try {
            client.subscribe(filters, qos);
        } catch (MqttException e) {
            LOG.warn("uplink: subscribing to {} failed: {}", inboundTopics.values(), e.getMessage());
        }
    }

    private static String reason(Throwable t) {
        return t == null ? "unknown" : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Paho's callbacks; they run on Paho's callback thread and must not block it. */
    private final class Callbacks implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            linkState.to("connected to " + serverURI);
            subscribe(); // the broker may have lost the session (restarted without persistence, expired)
            publishOnline();
            try {
                worker.execute(() -> {
                    outbox.restart();
                    online = true;
                    drainNow();
                });
            } catch (RejectedExecutionException e) {
                // closing
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            online = false;
            linkState.to("connection lost (" + reason(cause) + "); reconnecting in the background");
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String channel = inboundTopics.get(topic);
            if (channel == null) {
                return;
            }
            if (message.getPayload().length > config.maxInboundBytes()) {
                // Refused before parsing: JSON and base64 would multiply its size in the heap. Paho has already
                // read it whole, so the broker's own limit (docs/mqtt.md) is what keeps a huge one off the gate.
                inbound.tooLarge(channel, message.getPayload().length);
                return;
            }
            try {
                inbound.received(channel, message.getPayload());
            } catch (RuntimeException e) {
                // Throwing here would make Paho drop the connection. The exception's message may quote
                // the payload, so only its type goes to the log at error level.
                LOG.error("uplink: handling a {} message failed: {}", channel, e.getClass().getName());
                LOG.debug("uplink: {} handler failure", channel, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            if (token.getException() == null && token.getUserContext() instanceof Outbox.Sent sent) {
                outbox.acked(sent);
                requestDrain();
            }
        }
    }
}
