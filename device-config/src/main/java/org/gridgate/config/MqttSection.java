package org.gridgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code mqtt:} section: brokers, TLS, login and the inbound cap. A broker off this machine is
 * reached over TLS ({@code ssl://} with a pinned CA); plain {@code tcp://} to one is refused unless
 * {@code allowPlaintext: true} says the risk was chosen (docs/security.md, "Broker link").
 */
final class MqttSection {
    private MqttSection() {}

    static MqttConfig read(Section s, GateIdentity gate, Path base) {
        // "uris" lists every node of a broker cluster (tried in order, failover); "uri" names one broker.
        List<String> uris = s.strings("uris");
        Optional<String> single = s.optString("uri");
        if (single.isPresent() && !uris.isEmpty()) {
            s.problem("uri", "give either uri (one broker) or uris (every node of a cluster), not both");
        } else if (single.isPresent()) {
            uris = List.of(single.get());
        }
        if (uris.isEmpty()) {
            s.problem("uris", "missing required field: at least one broker URI, e.g. ssl://community.local:8883");
        }
        if (new java.util.HashSet<>(uris).size() < uris.size()) {
            s.problem("uris", "lists a broker twice: name every cluster node once");
        }
        for (String u : uris) {
            if (!u.matches("(tcp|ssl)://[^\\s/]+:\\d{1,5}")) {
                s.problem("uris", "'" + u + "' is not a broker URI of the form tcp://host:port or ssl://host:port");
            }
        }
        String client = s.string("clientId", "gridgate-" + gate.id());
        String root = s.string("topicRoot", "gridgate");
        if (root.contains("#") || root.contains("+") || root.startsWith("/") || root.endsWith("/")) {
            s.problem("topicRoot", "must be plain topic levels without wildcards or leading/trailing '/'");
        }
        int inflight = (int) s.integer("inflight", 256, 1, 65_535);
        int keepAlive = (int) s.integer("keepAliveS", 30, 5, 3600);
        Optional<MqttConfig.Tls> tls = s.optSection("tls").map(t -> {
            MqttConfig.Tls v = tls(t, base);
            t.finish();
            return v;
        });
        if (tls.isEmpty() && uris.stream().anyMatch(u -> u.startsWith("ssl://"))) {
            s.problem("tls", "an ssl:// broker needs mqtt.tls.caFile (the CA the broker's certificate is pinned to)");
        }
        Optional<MqttConfig.Login> login = s.optString("username").map(user -> {
            Optional<Path> file = s.optString("passwordFile").map(v -> s.resolve("passwordFile", v, base));
            Optional<String> inline = s.optString("password");
            if (file.isPresent() == inline.isPresent()) {
                s.problem("username", "give the password either in passwordFile (preferred) or in password");
            }
            return new MqttConfig.Login(user, file, inline);
        });
        if (login.isEmpty() && (s.optString("password").isPresent() || s.optString("passwordFile").isPresent())) {
            s.problem("username", "a password needs mqtt.username");
        }
        boolean allowPlaintext = s.bool("allowPlaintext", false);
        int maxInbound = (int) s.integer("maxInboundBytes", MqttConfig.DEFAULT_MAX_INBOUND, 16 * 1024, 16 * 1024 * 1024);
        MqttConfig m = new MqttConfig(uris, client, root, inflight, keepAlive, tls, login, allowPlaintext, maxInbound);
        if (!allowPlaintext && !m.plaintextOffHost().isEmpty()) {
            s.problem("uris", "'" + m.plaintextOffHost().get(0) + "' sends every record in clear and lets any host"
                    + " on the LAN pose as the broker: use ssl:// with mqtt.tls, or set mqtt.allowPlaintext: true"
                    + " to accept that risk");
        }
        return m;
    }

    private static MqttConfig.Tls tls(Section t, Path base) {
        Path ca = t.resolve("caFile", t.string("caFile"), base);
        Optional<Path> cert = t.optString("certFile").map(v -> t.resolve("certFile", v, base));
        Optional<Path> key = t.optString("keyFile").map(v -> t.resolve("keyFile", v, base));
        Optional<Path> p12 = t.optString("pkcs12File").map(v -> t.resolve("pkcs12File", v, base));
        String password = t.string("pkcs12Password", "");
        if (cert.isPresent() != key.isPresent()) {
            t.problem(cert.isPresent() ? "keyFile" : "certFile", "certFile and keyFile go together");
        }
        if (p12.isPresent() && cert.isPresent()) {
            t.problem("pkcs12File", "give the client certificate either as PEM (certFile + keyFile) or as PKCS#12");
        }
        return new MqttConfig.Tls(ca, cert, key, p12, password);
    }
}
