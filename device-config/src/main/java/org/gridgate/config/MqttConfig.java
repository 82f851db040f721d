package org.gridgate.config;

import java.util.List;

/**
 * The uplink to the community server.
 *
 * @param uris brokers to try in order (failover)
 * @param topicRoot topics are {@code <topicRoot>/<community>/<gate>/...}
 * @param inflight QoS 1 messages allowed unacknowledged at once
 */
public record MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS) {
    public MqttConfig {
        uris = List.copyOf(uris);
    }
}
