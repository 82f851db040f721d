package org.gridgate.sim.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;
import org.gridgate.config.MqttConfig;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    private int provision(List<String> args, String answers, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return ProvisionCommand.run(args, new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
    }

    @Test
    void writesAValidConfigWithTheAnswersTrustAnchorAndADeviceIdentity(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gate-07");
        Path communityKey = tmp.resolve("community-key.pem");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // template and broker from flags; gate id and community answered on stdin
        int code = provision(List.of("--out", dir.toString(), "--template", "sim", "--broker", "ssl://10.0.0.2:8883",
                "--community-key", communityKey.toString()), "gate-07\nmaple-court\n", out, err);

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        GateConfig c = ConfigLoader.load(dir.resolve("gate.yaml"));
        assertEquals("gate-07", c.gate().id());
        assertEquals("maple-court", c.gate().community());
        assertEquals(List.of("ssl://10.0.0.2:8883"), c.mqtt().orElseThrow().uris());
        MqttConfig.Tls tls = c.mqtt().orElseThrow().tls().orElseThrow();
        assertEquals(dir.resolve("community-ca.pem"), tls.caFile());
        assertEquals(java.util.Optional.of(dir.resolve("device-cert.pem")), tls.certFile());
        assertEquals(List.of(CommunityKey.load(communityKey).anchor()), c.credentials().trustAnchors());

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                Files.newInputStream(dir.resolve("device-cert.pem")));
        cert.verify(cert.getPublicKey());
        cert.checkValidity(java.util.Date.from(CLOCK.instant()));
        assertEquals("CN=gate-07, O=maple-court", cert.getSubjectX500Principal().getName("RFC1779"));
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());

        // the key file holds the private half of the certificate's key, readable by its owner only
        var priv = java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                Pem.block(Files.readString(dir.resolve("device-key.pem")), "PRIVATE KEY")));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(priv);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("device-key.pem"))));
        assertTrue(Files.readString(dir.resolve("device.csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    }

    @Test
    void refusesToOverwriteAnExistingIdentityUnlessForced(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--out", dir.toString(), "--template", "pi-kit", "--gate-id", "gate-01",
                "--community", "sunflower-court", "--broker", "ssl://community.local:8883");
        assertEquals(0, provision(args, "", new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        byte[] key = Files.readAllBytes(dir.resolve("device-key.pem"));
        byte[] config = Files.readAllBytes(dir.resolve("gate.yaml"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(73, provision(args, "", new ByteArrayOutputStream(), err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("use --force to replace it"),
                err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("device-key.pem")), "the identity is untouched");
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("gate.yaml")));

        List<String> forced = new java.util.ArrayList<>(args);
        forced.add("--force");
        assertEquals(0, provision(forced, "", new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertNotEquals(new String(key, StandardCharsets.US_ASCII), Files.readString(dir.resolve("device-key.pem")));
    }

    @Test
    void aBadAnswerIsReportedByTheConfigChecker(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = provision(List.of("--out", dir.toString(), "--template", "sim", "--gate-id", "gate/01",
                "--community", "c", "--broker", "tcp://x:1"), "", new ByteArrayOutputStream(), err);
        assertEquals(78, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gate.yaml:"), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gate.id"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainTcpBrokerOnTheLanIsRefused(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = provision(List.of("--out", dir.toString(), "--template", "sim", "--gate-id", "gate-01",
                "--community", "c", "--broker", "tcp://community.local:1883"), "", new ByteArrayOutputStream(), err);
        assertEquals(78, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("allowPlaintext"), err.toString(StandardCharsets.UTF_8));
    }
}
