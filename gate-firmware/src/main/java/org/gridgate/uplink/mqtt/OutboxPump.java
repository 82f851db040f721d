package org.gridgate.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridgate.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's one worker thread, which publishes journal records: it drains the {@link Outbox}
 * into the MQTT client while the connection is online, restarts it from the oldest undelivered
 * record at every connect, drains again on each acknowledgement, and runs resend requests after
 * what is queued.
 *
 * <p>Wakes, connects and acknowledgements come from other threads (the gate loop, Paho's callback
 * thread); only the worker touches the outbox's cursor and the journal.
 */
final class OutboxPump {
    /** Under the uplink's name: the journal shows one source for the whole link, as before the split. */
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);

    private final MqttAsyncClient client;
    private final Topics topics;
    private final Outbox outbox;
    private final Duration ackTimeout;
    private final ExecutorService worker;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean closed;
    /**
     * True once the worker has restarted the outbox for the current connection. Paho reports
     * connected before it calls connectComplete; publishing in between would send records the
     * restart then sends again.
     */
    private volatile boolean online;
    private volatile boolean journalFailing;

    /** @param ackTimeout how long a resend waits for its oldest publish when Paho's window is full */
    OutboxPump(MqttAsyncClient client, Topics topics, Outbox outbox, Duration ackTimeout) {
        this.client = client;
        this.topics = topics;
        this.outbox = outbox;
        this.ackTimeout = ackTimeout;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gridgate-uplink");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one drain unless one is queued already; cheap enough to call on every append. */
    void requestDrain() {
        if (closed || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::drainNow);
        } catch (RejectedExecutionException e) {
            drainQueued.set(false); // closing
        }
    }

    /** A (re)connect completed: everything not yet acknowledged goes out again, oldest first. */
    void connected() {
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

    /**
     * The connection is gone: nothing more is published until {@link #connected} has run, and Paho's
     * copies of what it left unacknowledged are dropped, so that Paho does not retransmit them with
     * the DUP flag on the next connect. Each comes back anyway: records as new publishes when the
     * outbox restarts, the status with the connect, command results are journaled. Sending both
     * would double every unacknowledged record, and a DUP retransmission is what Moquette 0.17
     * cannot take: it routes one only to the subscribers it remembers failing for that packet id,
     * and when it remembers none (it restarted, or only the PUBACK was lost) its session loop dies
     * with "increment : 0" and acknowledges nothing more.
     */
    void disconnected() {
        online = false;
        for (IMqttDeliveryToken token : client.getPendingDeliveryTokens()) {
            try {
                client.removeMessage(token);
            } catch (MqttException e) {
                // acknowledged or removed meanwhile
            }
        }
    }

    /** Paho delivered a publish: a record's acknowledgement frees a slot of the window. */
    void delivered(IMqttDeliveryToken token) {
        if (token.getException() == null && token.getUserContext() instanceof Outbox.Sent sent) {
            outbox.acked(sent);
            requestDrain();
        }
    }

    /**
     * Publishes these records again on their topics (a resend command: the server saw a gap), on the
     * worker after what is queued. They are not re-marked; the server drops duplicates by id.
     */
    void republish(List<JournalEntry> entries) {
        try {
            worker.execute(() -> {
                ArrayDeque<IMqttDeliveryToken> pending = new ArrayDeque<>();
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
                                pending.poll().waitForCompletion(ackTimeout.toMillis());
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

    /** How long the current connection's records have waited for any acknowledgement; 0 if none wait. */
    long unacknowledgedMillis() {
        return online ? outbox.unacknowledgedMillis() : 0;
    }

    /** From now on wakes and acknowledgements queue nothing; what is queued still runs. */
    void closing() {
        closed = true;
    }

    /**
     * Stops the worker, waiting at most {@code wait} for the task it is running. Its last task marks
     * what was acknowledged since {@link #closing}: those acknowledgements queued no drain, and a
     * record the broker has must not be sent again after the restart. Call it once the client is
     * closed, when no more acknowledgements can arrive.
     */
    void stop(Duration wait) {
        try {
            worker.execute(this::markLastAcknowledgements);
        } catch (RejectedExecutionException e) {
            // stopped already
        }
        worker.shutdown();
        try {
            worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void markLastAcknowledgements() {
        try {
            outbox.flushMarks();
        } catch (RuntimeException e) {
            LOG.warn("uplink: could not mark the last acknowledged records; they will be sent again", e);
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
}
