package org.gridgate.sim.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.gridgate.config.ConfigCheck;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.console.PinHash;
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

    /** Two volunteers: wang (the lead, by default) and li; then Enter to finish. */
    static final String VOLUNTEERS = "wang\n\n482913\nli\nvolunteer\n731946\n\n";

    @Test
    void writesACompleteConfigKeepingTheTemplatesCommentsAndADeviceIdentity(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gate-07");
        Path communityKey = tmp.resolve("community-key.pem");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // template and key from flags; Enter for the gate id (from --out) and the broker (loopback)
        int code = provision(List.of("--out", dir.toString(), "--template", "sim", "--community-key",
                communityKey.toString()), "\nmaple-court\n\n" + VOLUNTEERS, out, err);

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate id [gate-07]: "), out.toString());
        ConfigCheck.Result check = ConfigCheck.check(dir.resolve("gate.yaml"), true);
        assertTrue(check.ok(), check.errors().toString());
        GateConfig c = check.config().orElseThrow();
        assertEquals("gate-07", c.gate().id());
        assertEquals("maple-court", c.gate().community());
        assertEquals(List.of("tcp://127.0.0.1:1883"), c.mqtt().orElseThrow().uris());
        CommunityKey key = CommunityKey.load(communityKey);
        assertEquals(List.of(key.anchor()), c.credentials().trustAnchors());
        assertEquals(List.of(key.rootKey()), c.credentials().rootKeys());
        var volunteers = c.console().orElseThrow().volunteers();
        assertEquals(List.of("wang", "li"), volunteers.stream().map(v -> v.id()).toList());
        assertEquals(ConsoleConfig.Role.LEAD, volunteers.get(0).role());
        assertEquals(ConsoleConfig.Role.VOLUNTEER, volunteers.get(1).role());
        assertTrue(PinHash.verify(volunteers.get(0).pin(), "482913".toCharArray()));
        assertTrue(PinHash.verify(volunteers.get(1).pin(), "731946".toCharArray()));
        String text = Files.readString(dir.resolve("gate.yaml"));
        assertTrue(text.contains("# The simulator (gridgate-sim.jar) plays every device below"), "comments kept");
        assertTrue(text.contains("exitQuota:          # strictest phase"), "comments kept");
        assertFalse(text.contains("ToCxXqxYvMkFWHgaqBey8w"), "no rehearsal PIN hash");
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("rehearsal pins"), text);
        assertFalse(text.contains("482913"), "never a PIN in clear");

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
    void aRealTerminalGetsTlsToTheCommunityBrokerAndThePublicKeyOnly(@TempDir Path tmp) throws Exception {
        CommunityKey community = CommunityKey.generate();
        Path pub = tmp.resolve("community-public.pem");
        Files.writeString(pub, Pem.encode("PUBLIC KEY", community.pair().getPublic().getEncoded()));
        Path ca = tmp.resolve("ca.pem");
        Files.writeString(ca, Files.readString(tmp.resolve("gate-01").resolveSibling(pub)).replace("PUBLIC KEY",
                "CERTIFICATE"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // pi-kit; a plaintext LAN broker is refused and asked again; then the CA and the key
        int code = provision(List.of("--out", tmp.resolve("gate-03").toString(), "--community-key", pub.toString()),
                "pi-kit\n\n\ntcp://10.0.0.2:1883\nssl://10.0.0.2:8883\n" + ca + "\nzhao\n\n2020\n1111\n580417\n\n",
                out, err);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + out);
        String asked = out.toString(StandardCharsets.UTF_8);
        assertTrue(asked.contains("tcp:// sends the gate's records in clear"), asked);
        assertTrue(asked.contains("that is a rehearsal PIN from the docs"), asked);
        assertTrue(asked.contains("too easy to guess"), asked);
        GateConfig c = ConfigLoader.load(tmp.resolve("gate-03/gate.yaml"));
        assertEquals("gate-03", c.gate().id());
        assertEquals(List.of("ssl://10.0.0.2:8883"), c.mqtt().orElseThrow().uris());
        var tls = c.mqtt().orElseThrow().tls().orElseThrow();
        assertEquals(tmp.resolve("gate-03/broker-ca.pem").toAbsolutePath(), tls.caFile());
        assertEquals(Files.readString(ca), Files.readString(tls.caFile()));
        assertEquals(tmp.resolve("gate-03/device-cert.pem").toAbsolutePath(), tls.certFile().orElseThrow());
        assertEquals(List.of(community.rootKey()), c.credentials().rootKeys());
        assertTrue(PinHash.verify(c.console().orElseThrow().volunteers().get(0).pin(), "580417".toCharArray()));
        assertTrue(Files.readString(tmp.resolve("gate-03/gate.yaml")).contains("# Boot-time pin states decide the lock"));
    }

    @Test
    void anExistingIdentityStopsItBeforeAnyQuestionUnlessForced(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--out", dir.toString(), "--template", "sim", "--gate-id", "gate-01",
                "--community", "sunflower-court", "--community-key", dir.resolveSibling(dir.getFileName() + "-key.pem")
                        .toString());
        assertEquals(0, provision(args, "\n" + VOLUNTEERS, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        byte[] key = Files.readAllBytes(dir.resolve("device-key.pem"));
        byte[] config = Files.readAllBytes(dir.resolve("gate.yaml"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(73, provision(args, "", out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("use --force to replace it"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no question asked");
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("device-key.pem")), "the identity is untouched");
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("gate.yaml")));

        List<String> forced = new java.util.ArrayList<>(args);
        forced.add("--force");
        assertEquals(0, provision(forced, "\n" + VOLUNTEERS, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertNotEquals(new String(key, StandardCharsets.US_ASCII), Files.readString(dir.resolve("device-key.pem")));
    }

    @Test
    void aBadFlagOrNoVolunteerStopsWithAUsageError(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(64, provision(List.of("--out", dir.toString(), "--template", "sim", "--gate-id", "gate/01"), "",
                new ByteArrayOutputStream(), err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--gate-id gate/01: 1-64 letters"), err.toString());
        err.reset();
        assertEquals(64, provision(List.of("--out", dir.toString(), "--template", "sim", "--community-key",
                dir.resolve("k.pem").toString()), "\n\n\n", new ByteArrayOutputStream(), err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no answer for: volunteer 1 id"), err.toString());
        assertFalse(Files.exists(dir.resolve("gate.yaml")));
    }
}
