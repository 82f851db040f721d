package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pump's worker around a close, with a client that never connects and a journal in memory. */
class OutboxPumpTest {
    final OutboxTest.MemoryJournal journal = new OutboxTest.MemoryJournal(10);
    final MqttAsyncClient client;
    final OutboxPump pump;

    OutboxPumpTest() throws Exception {
        client = new MqttAsyncClient("tcp://127.0.0.1:1", "pump-test", new MemoryPersistence());
        pump = new OutboxPump(client, new Topics("gridgate", "sunflower-court", "gate-7"),
                new Outbox(journal, 4, java.time.Clock.systemUTC()), Duration.ofSeconds(1));
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close(true);
    }

    @Test
    void acknowledgementsThatArriveWhileTheLinkClosesAreMarkedByTheStop() {
        pump.closing();
        // the broker's PUBACKs for records 2 and 3 reach the client while it publishes "offline"
        pump.delivered(ackFor(2));
        pump.delivered(ackFor(3));
        assertEquals(List.of(), List.copyOf(journal.delivered), "closing: no drain is queued for them");

        pump.stop(Duration.ofSeconds(30));

        assertEquals(List.of(2L, 3L), List.copyOf(journal.delivered), "the broker has them: not sent again");
    }

    @Test
    void aStopWithNothingAcknowledgedWritesNothing() {
        pump.closing();
        pump.stop(Duration.ofSeconds(30));
        assertEquals(0, journal.markCalls);
    }

    private static MqttDeliveryToken ackFor(long seq) {
        MqttDeliveryToken token = new MqttDeliveryToken("pump-test");
        token.setUserContext(new Outbox.Sent(seq, 1));
        return token;
    }
}
