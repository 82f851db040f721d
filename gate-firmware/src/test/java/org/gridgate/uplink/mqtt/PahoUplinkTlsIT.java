package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.testing.Await;
import org.gridgate.testing.FreePort;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against Debian's mosquitto with the shipped ACL example: the gate pins the test CA,
 * presents its client certificate (PEM), the community server its own (PKCS#12); a client without
 * a certificate or trusting another CA gets nowhere, and another gate cannot read this gate's records.
 */
class PahoUplinkTlsIT {
    @TempDir
    Path dir;

    @Test
    void gateDeliversOverMutualTlsAndTheAclKeepsGatesApart() throws Exception {
        String mosquitto = SystemTools.require("mosquitto", "mosquitto");
        TestPki pki = new TestPki(dir.resolve("pki"));
        pki.client("gate-7");
        pki.client("gate-8");
        pki.client("community-server");
        Path p12 = pki.pkcs12("community-server", "s3cret");
        int port = FreePort.find();
        Path acl = Path.of("..", "systemd", "mosquitto", "acl").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(acl), "shipped ACL example at " + acl);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "per_listener_settings false",
                "listener " + port + " 127.0.0.1",
                "cafile " + pki.file("ca.pem"),
                "certfile " + pki.file("broker.pem"),
                "keyfile " + pki.file("broker.key"),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "acl_file " + acl,
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                ""));
        Process broker = new ProcessBuilder(mosquitto, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        ExecutorScheduler scheduler = new ExecutorScheduler("tls-it");
        try {
            Await.until(Duration.ofSeconds(10), "mosquitto TLS listener", () -> listening(broker, port));
            String uri = "ssl://127.0.0.1:" + port;
            MqttConfig.Tls serverTls = new MqttConfig.Tls(pki.file("ca.pem"), Optional.empty(), Optional.empty(),
                    Optional.of(p12), "s3cret");
            ConcurrentLinkedQueue<String> server = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> otherGate = new ConcurrentLinkedQueue<>();
            MqttClient serverClient = client(uri, "community-server", serverTls, server, "gridgate/+/+/passage");
            MqttClient gate8 = client(uri, "gate-8", pem(pki, "gate-8"), otherGate,
                    "gridgate/sunflower-court/gate-7/passage");

            try (SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), UplinkFixture.GATE,
                    new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC());
                    PahoUplink uplink = new PahoUplink(new MqttConfig(List.of(uri), "gate-7", "gridgate", 16, 30,
                            Optional.of(pem(pki, "gate-7"))), UplinkFixture.GATE, journal, scheduler,
                            Clock.systemUTC(), UplinkFixture.FAST)) {
                uplink.start((channel, payload) -> {});
                for (int i = 0; i < 20; i++) {
                    journal.append(RecordKind.PASSAGE, Instant.now(), Map.of("n", i));
                }
                uplink.wake();
                Await.until(Duration.ofSeconds(20), () -> "server received " + server.size() + " of 20",
                        () -> server.size() >= 20);
                Await.until(Duration.ofSeconds(10), "all marked delivered", () -> journal.stats().undelivered() == 0);
            }
            // gate-8 publishing as gate-7 is dropped by the ACL; the server never sees it
            MqttMessage spoof = new MqttMessage("{\"spoof\":true}".getBytes());
            spoof.setQos(1);
            gate8.publish("gridgate/sunflower-court/gate-7/passage", spoof);
            MqttMessage own = new MqttMessage("{\"own\":true}".getBytes());
            own.setQos(1);
            gate8.publish("gridgate/sunflower-court/gate-8/passage", own);
            Await.until(Duration.ofSeconds(10), "gate-8's own record", () -> server.stream().anyMatch(s -> s.contains("own")));
            assertFalse(server.stream().anyMatch(s -> s.contains("spoof")));
            assertEquals(0, otherGate.size(), "gate-8 must not read gate-7's records");
            gate8.disconnect();
            serverClient.disconnect();

            // no client certificate, or a gate that pins another CA: no connection
            TestPki other = new TestPki(dir.resolve("other-pki"));
            other.client("gate-7");
            assertThrows(MqttException.class, () -> client(uri, "anon", new MqttConfig.Tls(pki.file("ca.pem"),
                    Optional.empty(), Optional.empty(), Optional.empty(), ""), new ConcurrentLinkedQueue<>()));
            assertThrows(MqttException.class, () -> client(uri, "gate-7", pem(other, "gate-7"),
                    new ConcurrentLinkedQueue<>()));
        } finally {
            scheduler.close();
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Finding 4 of issue 20: a broker that wants a login. Server-authenticated TLS (the CA pinned, no
     * client certificate) plus mqtt.username and mqtt.passwordFile: the right password delivers, a wrong
     * one is refused by mosquitto and nothing is delivered.
     */
    @Test
    void gateSignsInWithUsernameAndPasswordFileOverTls() throws Exception {
        String mosquitto = SystemTools.require("mosquitto", "mosquitto");
        String passwd = SystemTools.require("mosquitto_passwd", "mosquitto");
        TestPki pki = new TestPki(dir.resolve("pki"));
        Path passwords = dir.resolve("passwords");
        Process mk = new ProcessBuilder(passwd, "-c", "-b", passwords.toString(), "gate-7", "right-horse-battery")
                .redirectErrorStream(true).start();
        assertTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0, "mosquitto_passwd");
        int port = FreePort.find();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "per_listener_settings false",
                "listener " + port + " 127.0.0.1",
                "cafile " + pki.file("ca.pem"),
                "certfile " + pki.file("broker.pem"),
                "keyfile " + pki.file("broker.key"),
                "allow_anonymous false",
                "password_file " + passwords,
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                ""));
        Process broker = new ProcessBuilder(mosquitto, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        ExecutorScheduler scheduler = new ExecutorScheduler("tls-login-it");
        try {
            Await.until(Duration.ofSeconds(10), "mosquitto TLS listener", () -> listening(broker, port));
            String uri = "ssl://127.0.0.1:" + port;
            MqttConfig.Tls caOnly = new MqttConfig.Tls(pki.file("ca.pem"), Optional.empty(), Optional.empty(),
                    Optional.empty(), "");
            Path right = Files.writeString(dir.resolve("right"), "right-horse-battery\n");
            Path wrong = Files.writeString(dir.resolve("wrong"), "guess\n");
            try (SqliteJournal journal = new SqliteJournal(dir.resolve("wrong.db"), UplinkFixture.GATE,
                    new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC());
                    PahoUplink uplink = new PahoUplink(login(uri, caOnly, wrong), UplinkFixture.GATE, journal,
                            scheduler, Clock.systemUTC(), UplinkFixture.FAST)) {
                uplink.start((channel, payload) -> {});
                journal.append(RecordKind.PASSAGE, Instant.now(), Map.of("n", 0));
                uplink.wake();
                Await.until(Duration.ofSeconds(20), "mosquitto refuses the wrong password",
                        () -> log(dir.resolve("mosquitto.log")).contains("not authorised"));
                assertFalse(uplink.connected());
                assertEquals(1, journal.stats().undelivered());
            }
            try (SqliteJournal journal = new SqliteJournal(dir.resolve("right.db"), UplinkFixture.GATE,
                    new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC());
                    PahoUplink uplink = new PahoUplink(login(uri, caOnly, right), UplinkFixture.GATE, journal,
                            scheduler, Clock.systemUTC(), UplinkFixture.FAST)) {
                uplink.start((channel, payload) -> {});
                for (int i = 0; i < 5; i++) {
                    journal.append(RecordKind.PASSAGE, Instant.now(), Map.of("n", i));
                }
                uplink.wake();
                Await.until(Duration.ofSeconds(20), "delivered with the right password",
                        () -> journal.stats().undelivered() == 0);
            }
        } finally {
            scheduler.close();
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static MqttConfig login(String uri, MqttConfig.Tls tls, Path passwordFile) {
        return new MqttConfig(List.of(uri), "gate-7", "gridgate", 16, 30, Optional.of(tls),
                Optional.of(new MqttConfig.Login("gate-7", Optional.of(passwordFile), Optional.empty())), false,
                MqttConfig.DEFAULT_MAX_INBOUND);
    }

    private static String log(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static MqttConfig.Tls pem(TestPki pki, String cn) {
        return new MqttConfig.Tls(pki.file("ca.pem"), Optional.of(pki.file(cn + ".pem")),
                Optional.of(pki.file(cn + ".key")), Optional.empty(), "");
    }

    private static MqttClient client(String uri, String id, MqttConfig.Tls tls, ConcurrentLinkedQueue<String> into,
            String... filters) throws MqttException, IOException {
        MqttClient c = new MqttClient(uri, id + "-" + System.nanoTime(), new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                into.add(topic + " " + new String(message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(TlsSockets.factory(tls));
        o.setConnectionTimeout(5);
        c.connect(o);
        for (String f : filters) {
            c.subscribe(f, 1);
        }
        return c;
    }

    private static boolean listening(Process p, int port) {
        if (!p.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + p.exitValue());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
