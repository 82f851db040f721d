package org.gridgate.sim.server.jetstream;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.Source;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/**
 * Where the gates' records land on a NATS cluster. NATS 2.9 stores every MQTT QoS 1 PUBLISH in its
 * own stream {@code $MQTT_msgs} (replicated, interest retention) before it sends the PUBACK, under
 * the subject {@code $MQTT.msgs.<topic with '/' as '.'>}. Our stream {@value #STREAM} sources from
 * it everything under the topic root: a record the gate saw acknowledged is on a quorum of nodes
 * and stays there until sourced. (A stream that listened on the plain subjects instead would get
 * the records by a core NATS publish that nothing acknowledges: a record published while that
 * stream elects a new leader would be acknowledged to the gate and lost. We measured it.)
 *
 * <p>One durable pull consumer is shared by every server process: each message goes to one of them,
 * and one that dies without acknowledging gets its messages redelivered to another after
 * {@link #ACK_WAIT}. Records ({@code passage}, {@code alarm}, {@code event}, daily summaries being
 * events) and gate status share the stream; {@link Topic} tells them apart.
 */
public final class RecordStream {
    public static final String STREAM = "GRIDGATE_RECORDS";
    public static final String DURABLE = "community-server";
    /** NATS's stream of MQTT QoS 1 messages (an implementation detail of nats-server 2.9's MQTT). */
    public static final String MQTT_STREAM = "$MQTT_msgs";
    static final String MQTT_PREFIX = "$MQTT.msgs.";
    /** A fetched record not acknowledged in this time (its consumer died) goes to another consumer. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(10);
    /** How long the stream keeps records a consumer has not taken (a server down over a holiday). */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    private static final int STREAM_NAME_IN_USE = 10058;

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
    public static String source(String topicRoot) {
        return MQTT_PREFIX + topicRoot.replace('/', '.') + ".>";
    }

    /**
     * Creates the stream and the shared consumer if they are missing (several server processes may
     * race here: the loser finds them made). An existing stream is left as it is.
     */
    public static void ensure(JetStreamManagement jsm, String topicRoot, int replicas)
            throws IOException, JetStreamApiException {
        StreamConfiguration sc = StreamConfiguration.builder()
                .name(STREAM)
                .sources(Source.builder().name(MQTT_STREAM).filterSubject(source(topicRoot)).build())
                .storageType(StorageType.File)
                .replicas(replicas)
                .maxAge(MAX_AGE)
                .build();
        try {
            jsm.addStream(sc);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
        }
        jsm.addOrUpdateConsumer(STREAM, ConsumerConfiguration.builder()
                .durable(DURABLE)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(ACK_WAIT)
                .maxAckPending(20_000)
                .build());
    }
}
