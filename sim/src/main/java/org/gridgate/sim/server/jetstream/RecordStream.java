package org.gridgate.sim.server.jetstream;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where the gates' records land on a NATS cluster: one JetStream stream over the subjects NATS
 * gives the MQTT record topics ({@code <root>/<community>/<gate>/passage} becomes
 * {@code <root>.<community>.<gate>.passage}), file storage with {@code replicas} copies, and one
 * durable pull consumer that every server process shares: each record goes to one of them, and one
 * that dies without acknowledging gets its records redelivered to another after {@link #ACK_WAIT}.
 * Daily summaries are {@code event} records and travel the same way.
 */
public final class RecordStream {
    public static final String STREAM = "GRIDGATE_RECORDS";
    public static final String DURABLE = "community-server";
    /** A fetched record not acknowledged in this time (its consumer died) goes to another consumer. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(10);
    /** How long the stream keeps records a consumer has not taken (a server down over a holiday). */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    private static final int STREAM_NAME_IN_USE = 10058;

    private RecordStream() {}

    /** NATS subjects of the record topics under {@code topicRoot} (MQTT '/' becomes NATS '.'). */
    public static List<String> subjects(String topicRoot) {
        String root = topicRoot.replace('/', '.');
        return List.of(root + ".*.*.passage", root + ".*.*.alarm", root + ".*.*.event");
    }

    /**
     * Creates the stream and the shared consumer if they are missing (several server processes may
     * race here: the loser finds them made). An existing stream is left as it is.
     */
    public static void ensure(JetStreamManagement jsm, String topicRoot, int replicas)
            throws IOException, JetStreamApiException {
        StreamConfiguration sc = StreamConfiguration.builder()
                .name(STREAM)
                .subjects(subjects(topicRoot))
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
