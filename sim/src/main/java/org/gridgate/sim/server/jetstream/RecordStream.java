package org.gridgate.sim.server.jetstream;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;

/**
 * Where the server reads the gates' records on a NATS cluster. NATS 2.9 stores every MQTT QoS 1
 * PUBLISH in its own stream {@value #MQTT_STREAM} (replicated, interest retention) before it sends
 * the PUBACK, under the subject {@code $MQTT.msgs.<topic with '/' as '.'>}. The server's durable
 * pull consumer {@value #DURABLE} sits directly on that stream, filtered to the topic root: a
 * record the gate saw acknowledged is on a quorum of nodes and stays there until the server has
 * acknowledged it (interest retention keeps what a consumer still has to take).
 *
 * <p>Two alternatives lost acknowledged records in our fleet runs, and are not used: a stream of
 * our own on the plain subjects gets each record by a core NATS publish that nothing acknowledges
 * (lost while that stream elects a leader), and a stream sourcing from {@value #MQTT_STREAM} reads
 * through an ephemeral consumer (while it is re-created after a node loss, nothing holds interest
 * and NATS drops the records at once).
 *
 * <p>The consumer must exist before the first gate publishes: with no consumer interested, NATS
 * drops QoS 1 messages immediately (after its PUBACK). It is durable and replicated, so that is a
 * one-time step when the cluster is set up. One consumer is shared by every server process: each
 * message goes to one of them, and one that dies without acknowledging gets its messages
 * redelivered to another after {@link #ACK_WAIT}. Records ({@code passage}, {@code alarm},
 * {@code event}; daily summaries are events) and gate status come through it; {@link Topic} tells
 * them apart.
 */
public final class RecordStream {
    public static final String DURABLE = "community-server";
    /** NATS's stream of MQTT QoS 1 messages (an implementation detail of nats-server 2.9's MQTT). */
    public static final String MQTT_STREAM = "$MQTT_msgs";
    static final String MQTT_PREFIX = "$MQTT.msgs.";
    /** A fetched record not acknowledged in this time (its consumer died) goes to another consumer. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private static final int STREAM_NOT_FOUND = 10059;

    private RecordStream() {}

    /** What a message on the stream is, from its subject. */
    public enum Topic {
        RECORD, STATUS, OTHER;

        public static Topic of(String subject) {
            int dot = subject.lastIndexOf('.');
            String last = dot < 0 ? subject : subject.substring(dot + 1);
            return switch (last) {
                case "passage", "alarm", "event" -> RECORD;
                case "status" -> STATUS;
                default -> OTHER;
            };
        }
    }

    /** The subject filter of everything under {@code topicRoot} in NATS's MQTT stream. */
    public static String filter(String topicRoot) {
        return MQTT_PREFIX + topicRoot.replace('/', '.') + ".>";
    }

    /**
     * Creates the shared durable consumer if it is missing (several server processes may race here;
     * an update with the same configuration is harmless).
     *
     * @throws IOException if NATS has not created its MQTT streams yet (no MQTT client ever connected)
     */
    public static void ensure(JetStreamManagement jsm, String topicRoot, int replicas)
            throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(MQTT_STREAM);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                throw new IOException("NATS has no " + MQTT_STREAM + " stream yet: it makes it when the first MQTT"
                        + " client connects; connect one (any gate) before starting the server's consumer");
            }
            throw e;
        }
        jsm.addOrUpdateConsumer(MQTT_STREAM, ConsumerConfiguration.builder()
                .durable(DURABLE)
                .filterSubject(filter(topicRoot))
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(ACK_WAIT)
                .maxAckPending(20_000)
                .numReplicas(replicas)
                .build());
    }
}
