package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.gridgate.journal.RecordKind;
import org.junit.jupiter.api.Test;

/** The gate's subscriptions against MQTT's own matching rules (Paho's matcher). */
class TopicsTest {
    final Topics topics = new Topics("gridgate", "sunflower-court", "gate-7");

    @Test
    void everyInboundChannelIsCoveredByExactlyOneOfTwoFilters() {
        assertEquals(2, topics.subscriptions().length, "one community filter and one command filter");
        for (String topic : topics.inbound().keySet()) {
            long matching = Arrays.stream(topics.subscriptions()).filter(f -> MqttTopic.isMatched(f, topic)).count();
            assertEquals(1, matching, () -> topic + " matched by " + matching + " filters");
        }
    }

    @Test
    void noFilterReachesTheGatesOwnOutputsOrAnotherGateOrCommunity() {
        Topics other = new Topics("gridgate", "sunflower-court", "gate-8");
        Topics elsewhere = new Topics("gridgate", "other-court", "gate-7");
        List<String> notOurs = new java.util.ArrayList<>(List.of(topics.status(), topics.commandResult(),
                other.status(), other.commandResult()));
        for (RecordKind k : RecordKind.values()) {
            notOurs.add(topics.record(k));
            notOurs.add(other.record(k));
        }
        notOurs.addAll(other.inbound().keySet().stream().filter(t -> t.endsWith("/command")).toList());
        notOurs.addAll(elsewhere.inbound().keySet());
        for (String f : topics.subscriptions()) {
            for (String t : notOurs) {
                assertFalse(MqttTopic.isMatched(f, t), () -> f + " must not match " + t);
            }
        }
    }
}
