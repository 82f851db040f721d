package org.gridgate.uplink.mqtt;

import java.util.Arrays;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.gridgate.uplink.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's subscriptions: it subscribes the filters of {@link Topics#subscriptions()} in one
 * SUBSCRIBE and hands what arrives on an inbound channel to the {@link Inbound} port, ignoring any
 * other topic, refusing an oversized message before anything parses it and keeping a failing
 * handler from reaching Paho (which would drop the connection).
 */
final class Subscriptions {
    /** Under the uplink's name: the journal shows one source for the whole link, as before the split. */
    private static final Logger LOG = LoggerFactory.getLogger(PahoUplink.class);

    private final String[] filters;
    /** Topic to channel name. */
    private final Map<String, String> channels;
    private final int maxBytes;
    private final Inbound inbound;

    Subscriptions(Topics topics, int maxBytes, Inbound inbound) {
        this.filters = topics.subscriptions();
        this.channels = topics.inbound();
        this.maxBytes = maxBytes;
        this.inbound = inbound;
    }

    /** One SUBSCRIBE for all channels: once anything arrives, every channel is subscribed. */
    void subscribe(MqttAsyncClient client) {
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        try {
            client.subscribe(filters, qos);
        } catch (MqttException e) {
            LOG.warn("uplink: subscribing to {} failed: {}", channels.values(), e.getMessage());
        }
    }

    /** Runs on Paho's callback thread; never throws. */
    void arrived(String topic, MqttMessage message) {
        String channel = channels.get(topic);
        if (channel == null) {
            return;
        }
        if (message.getPayload().length > maxBytes) {
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
}
