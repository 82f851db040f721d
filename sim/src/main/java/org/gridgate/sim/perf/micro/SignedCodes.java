package org.gridgate.sim.perf.micro;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.Verification;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.credential.hcert.HcertVerifier;

/**
 * Benchmark codes: community passes signed with fresh keys by the project's issuer (ES256: P-256;
 * PS256: RSA 2048), a verifier trusting both, and the instant they are valid at. Used by the crypto suite and the JMH benchmarks.
 */
public record SignedCodes(HcertVerifier verifier, String es256, String ps256, Instant now) {
    public static SignedCodes create() throws Exception {
        Instant now = Instant.parse("2026-05-01T07:30:00Z");
        CommunityPass pass = new CommunityPass(Colour.GREEN, "bench-subject", PersonKind.RESIDENT, "3-1201",
                "bench-pass", now.minusSeconds(60), now.plusSeconds(600));
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGen.generateKeyPair();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        byte[] ecKid = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] rsaKid = {8, 7, 6, 5, 4, 3, 2, 1};
        InMemoryTrustStore community = new InMemoryTrustStore().add(ecKid, ec.getPublic()).add(rsaKid, rsa.getPublic());
        HcertVerifier verifier = new HcertVerifier(new InMemoryTrustStore(), community, Revocations.NONE,
                HcertVerifier.Options.defaults());
        String es256 = new CommunityPassIssuer("GG1:", "bench-court", ec.getPrivate(), ecKid).issue(pass);
        String ps256 = new CommunityPassIssuer("GG1:", "bench-court", rsa.getPrivate(), rsaKid).issue(pass);
        for (String code : new String[] {es256, ps256}) {
            Verification v = verifier.verify(code, now);
            if (!(v instanceof Verification.Verified)) {
                throw new IllegalStateException("benchmark code does not verify: " + v);
            }
        }
        return new SignedCodes(verifier, es256, ps256, now);
    }
}

