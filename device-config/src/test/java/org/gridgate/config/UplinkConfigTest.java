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
                  allowPlaintext: true
                """, CREDS);
        assertEquals(List.of("tcp://nats-1.example:1883", "tcp://nats-2.example:1883", "tcp://nats-3.example:1883"),
                ConfigLoader.load(cluster).mqtt().orElseThrow().uris());

        Path single = variant(dir, """
                mqtt:
                  uri: tcp://broker.example:1883
                  allowPlaintext: true
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

    /** Finding 4 of issue 20: the shipped config talked plaintext to a LAN name; config check let it. */
    @Test
    void plainTcpToAnotherHostIsRefusedUnlessExplicitlyAllowed(@TempDir Path dir) throws Exception {
        for (String uri : List.of("tcp://community.local:1883", "tcp://10.0.0.2:1883", "tcp://[fe80::1]:1883")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(variant(dir,
                    "mqtt:\n  uris: [ \"" + uri + "\" ]\n", CREDS)));
            assertTrue(e.getMessage().contains("mqtt.uris") && e.getMessage().contains("allowPlaintext"), e.getMessage());
        }
        for (String uri : List.of("tcp://127.0.0.1:1883", "tcp://localhost:1883", "tcp://[::1]:1883", "tcp://127.0.1.1:1")) {
            MqttConfig m = ConfigLoader.load(variant(dir, "mqtt:\n  uris: [ \"" + uri + "\" ]\n", CREDS)).mqtt().orElseThrow();
            assertEquals(List.of(), m.plaintextOffHost(), uri);
        }
        MqttConfig allowed = ConfigLoader.load(variant(dir, """
                mqtt:
                  uris: [ "tcp://community.local:1883" ]
                  allowPlaintext: true
                """, CREDS)).mqtt().orElseThrow();
        assertTrue(allowed.allowPlaintext());
        assertEquals(List.of("tcp://community.local:1883"), allowed.plaintextOffHost());
    }

    @Test
    void usernameAndPasswordFileAndTheInboundCapAreRead(@TempDir Path dir) throws Exception {
        MqttConfig m = ConfigLoader.load(variant(dir, """
                mqtt:
                  uris: [ "tcp://127.0.0.1:1883" ]
                  username: gate-7
                  passwordFile: secrets/mqtt-password
                  maxInboundBytes: 65536
                """, CREDS)).mqtt().orElseThrow();
        assertEquals("gate-7", m.login().orElseThrow().username());
        assertEquals(Optional.of(dir.toAbsolutePath().resolve("secrets/mqtt-password")), m.login().orElseThrow().passwordFile());
        assertEquals(65536, m.maxInboundBytes());
        assertEquals(MqttConfig.DEFAULT_MAX_INBOUND, ConfigLoader.load(variant(dir, MQTT, CREDS)).mqtt().orElseThrow()
                .maxInboundBytes());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(variant(dir, """
                mqtt:
                  uris: [ "tcp://127.0.0.1:1883" ]
                  password: hunter2
                """, CREDS)));
        assertTrue(e.getMessage().contains("needs mqtt.username"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"), "the password is never echoed");
    }
}
