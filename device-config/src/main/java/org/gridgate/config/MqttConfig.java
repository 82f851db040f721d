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
 * @param login MQTT username and password, for brokers that ask for them (over TLS, or they travel in clear)
 * @param allowPlaintext {@code tcp://} to a broker off this machine was explicitly accepted (warned at every start)
 * @param maxInboundBytes larger inbound messages are rejected before they are parsed
 */
public record MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS,
        Optional<Tls> tls, Optional<Login> login, boolean allowPlaintext, int maxInboundBytes) {
    /** The default inbound cap: a 100,000-entry roster fits, a 40 MB message does not. */
    public static final int DEFAULT_MAX_INBOUND = 256 * 1024;

    public MqttConfig {
        uris = List.copyOf(uris);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(login, "login");
    }

    public MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS,
            Optional<Tls> tls) {
        this(uris, clientId, topicRoot, inflight, keepAliveS, tls, Optional.empty(), false, DEFAULT_MAX_INBOUND);
    }

    public MqttConfig(List<String> uris, String clientId, String topicRoot, int inflight, int keepAliveS) {
        this(uris, clientId, topicRoot, inflight, keepAliveS, Optional.empty());
    }

    /** A broker on this machine: 127.0.0.0/8, ::1 or localhost. Only these may be reached over plain TCP. */
    public static boolean loopback(String uri) {
        String hostPort = uri.replaceFirst("^[a-z]+://", "");
        String host = hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                : hostPort.substring(0, hostPort.lastIndexOf(':') < 0 ? hostPort.length() : hostPort.lastIndexOf(':'));
        return host.equals("localhost") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Broker URIs that would carry the gate's records in clear over a network. */
    public List<String> plaintextOffHost() {
        return uris.stream().filter(u -> u.startsWith("tcp://") && !loopback(u)).toList();
    }

    /**
     * MQTT username and password. The password is read from {@code passwordFile} at start (0600, owned by the
     * gate's user) or given inline; never logged.
     */
    public record Login(String username, Optional<Path> passwordFile, Optional<String> password) {
        public Login {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
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
