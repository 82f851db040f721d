package org.gridgate.credential;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.credential.qr.QrCodes;

/**
 * A rough benchmark for the gate's hardware, not a test: prints "name value unit" lines for a full
 * verification with ES256 and PS256 and for finding a QR code in a 640x480 camera-sized frame.
 * Usage: java -cp gridgate-gate.jar org.gridgate.credential.CredentialBench [iterations]
 */
public final class CredentialBench {
    private CredentialBench() {}

    public static void main(String[] args) throws GeneralSecurityException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Instant now = Instant.parse("2026-05-01T07:30:00Z");
        CommunityPass pass = new CommunityPass(Colour.GREEN, "bench-subject", PersonKind.RESIDENT, "1-101", "bench-pass",
                now, now.plusSeconds(600));
        KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
        KeyPair rsa = generate("RSA", null);
        byte[] ecKid = {1, 1, 1, 1, 1, 1, 1, 1};
        byte[] rsaKid = {2, 2, 2, 2, 2, 2, 2, 2};
        InMemoryTrustStore community = new InMemoryTrustStore().add(ecKid, ec.getPublic()).add(rsaKid, rsa.getPublic());
        HcertVerifier verifier = new HcertVerifier(new InMemoryTrustStore(), community, Revocations.NONE,
                HcertVerifier.Options.defaults());
        String es256 = new CommunityPassIssuer("GG1:", "bench", ec.getPrivate(), ecKid).issue(pass);
        String ps256 = new CommunityPassIssuer("GG1:", "bench", rsa.getPrivate(), rsaKid).issue(pass);
        for (String code : List.of(es256, ps256)) {
            if (!(verifier.verify(code, now) instanceof Verification.Verified)) {
                throw new IllegalStateException("bench code does not verify: " + verifier.verify(code, now));
            }
        }
        print("verify_es256_us", micros(() -> verifier.verify(es256, now), iterations), "us");
        print("verify_ps256_us", micros(() -> verifier.verify(ps256, now), iterations), "us");

        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.fillRect(0, 0, 640, 480);
        g.drawImage(QrCodes.encode(es256, 360), 140, 60, null);
        g.dispose();
        if (QrCodes.decode(frame).filter(es256::equals).isEmpty()) {
            throw new IllegalStateException("bench frame does not decode");
        }
        print("qr_decode_640x480_ms", micros(() -> QrCodes.decode(frame), Math.max(20, iterations / 20)) / 1000.0, "ms");
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (spec != null) {
            g.initialize(spec);
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    /** Mean microseconds per call after a warm-up of the same length. */
    private static double micros(Supplier<?> call, int iterations) {
        Object sink = null;
        for (int i = 0; i < iterations; i++) {
            sink = call.get();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink = call.get();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return elapsed / 1000.0 / iterations;
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s %.1f %s", name, value, unit));
    }
}
