package org.gridgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The uplink to the community server.
 *
 * @param uris brokers to try in order (failover)
 * @param topicRoot topics are {@code <topicRoot>/<community>/<gate>/...}
 * @param inflight QoS 1 messages allowed unacknowledged at once
 * @param tls how {@code ssl://} brokers are authenticated (and we to them); empty for plain TCP
 */
public record MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS,
        Optional<Tls> tls) {
    public MqttConfig {
        uris = List.copyOf(uris);
        Objects.requireNonNull(tls, "tls");
    }

    public MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS) {
        this(uris, clientId, topicRoot, inflight, keepAliveS, Optional.empty());
    }

    /**
     * TLS to the broker: the broker's certificate must chain to {@code caFile} (pinned: the system
     * trust store is not used). A client certificate for mutual TLS comes either as PEM
     * ({@code certFile} + {@code keyFile}, PKCS#8 key) or as a PKCS#12 bundle.
     */
    public record Tls(Path caFile, Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> pkcs12File,
            String pkcs12Password) {
        public Tls {
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(pkcs12Password, "pkcs12Password");
        }
    }
}
