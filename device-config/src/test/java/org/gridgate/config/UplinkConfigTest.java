package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqtt.tls and credentials.rootKeys, read from a variant of the sim example. */
class UplinkConfigTest {
    static final String MQTT = """
            mqtt:
              uris: [ "tcp://127.0.0.1:1883" ]
              topicRoot: gridgate
              inflight: 256
            """;
    static final String CREDS = """
            credentials:
              communityPrefix: "GG1:"
              clockSkewS: 120
            """;

    static Path variant(Path dir, String mqtt, String creds) throws Exception {
        String text = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml"));
        assertTrue(text.contains(MQTT) && text.contains(CREDS), "fixture sections present");
        Path f = dir.resolve("gate.yaml");
        Files.writeString(f, text.replace(MQTT, mqtt).replace(CREDS, creds));
        return f;
    }

    @Test
    void tlsFilesResolveAgainstTheConfigAndRootKeysAreRead(@TempDir Path dir) throws Exception {
        Path f = variant(dir, """
                mqtt:
                  uris: [ "ssl://broker.example:8883" ]
                  tls:
                    caFile: tls/ca.pem
                    certFile: tls/gate.pem
                    keyFile: tls/gate.key
                """, CREDS + """
                  rootKeys:
                    - kid: AQIDBAUGBwg=
                      publicKey: MFkwEwYHKoZIzj0CAQ==
                """);
        GateConfig c = ConfigLoader.load(f);
        MqttConfig.Tls tls = c.mqtt().orElseThrow().tls().orElseThrow();
        Path base = dir.toAbsolutePath();
        assertEquals(base.resolve("tls/ca.pem"), tls.caFile());
        assertEquals(Optional.of(base.resolve("tls/gate.pem")), tls.certFile());
        assertEquals(Optional.of(base.resolve("tls/gate.key")), tls.keyFile());
        assertEquals(Optional.empty(), tls.pkcs12File());
        assertEquals(List.of(new CredentialConfig.RootKey("AQIDBAUGBwg=", "MFkwEwYHKoZIzj0CAQ==")),
                c.credentials().rootKeys());
    }

    @Test
    void sslWithoutACaAndHalfAClientCertificateAreReported(@TempDir Path dir) throws Exception {
        Path noCa = variant(dir, """
                mqtt:
                  uris: [ "ssl://broker.example:8883" ]
                """, CREDS);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(noCa));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("mqtt.tls")
                && p.message().contains("caFile")), e.getMessage());

        Path half = variant(dir, """
                mqtt:
                  uris: [ "ssl://broker.example:8883" ]
                  tls:
                    caFile: ca.pem
                    certFile: gate.pem
                    pem: x
                """, CREDS);
        ConfigException h = assertThrows(ConfigException.class, () -> ConfigLoader.load(half));
        assertTrue(h.problems().stream().anyMatch(p -> p.path().equals("mqtt.tls.keyFile")), h.getMessage());
        assertTrue(h.problems().stream().anyMatch(p -> p.path().equals("mqtt.tls.pem")
                && p.message().contains("unknown key")), h.getMessage());
    }

    @Test
    void clusterNodesAreListedInOrderAndOneBrokerMayBeGivenAsUri(@TempDir Path dir) throws Exception {
        Path cluster = variant(dir, """
                mqtt:
                  uris: [ "tcp://nats-1.example:1883", "tcp://nats-2.example:1883", "tcp://nats-3.example:1883" ]
                """, CREDS);
        assertEquals(List.of("tcp://nats-1.example:1883", "tcp://nats-2.example:1883", "tcp://nats-3.example:1883"),
                ConfigLoader.load(cluster).mqtt().orElseThrow().uris());

        Path single = variant(dir, """
                mqtt:
                  uri: tcp://broker.example:1883
                """, CREDS);
        assertEquals(List.of("tcp://broker.example:1883"), ConfigLoader.load(single).mqtt().orElseThrow().uris());
    }

    @Test
    void aNodeListedTwiceOrUriBesideUrisIsReported(@TempDir Path dir) throws Exception {
        Path twice = variant(dir, """
                mqtt:
                  uris: [ "tcp://nats-1.example:1883", "tcp://nats-1.example:1883" ]
                """, CREDS);
        ConfigException t = assertThrows(ConfigException.class, () -> ConfigLoader.load(twice));
        assertTrue(t.problems().stream().anyMatch(p -> p.path().equals("mqtt.uris")
                && p.message().contains("twice")), t.getMessage());

        Path both = variant(dir, """
                mqtt:
                  uri: tcp://broker.example:1883
                  uris: [ "tcp://nats-1.example:1883" ]
                """, CREDS);
        ConfigException b = assertThrows(ConfigException.class, () -> ConfigLoader.load(both));
        assertTrue(b.problems().stream().anyMatch(p -> p.path().equals("mqtt.uri")
                && p.message().contains("not both")), b.getMessage());
    }
}
