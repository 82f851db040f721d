package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The P-256 verifier against the JDK's: the same answer on genuine, altered and malformed signatures. */
class P256VerifierTest {
    private static final BigInteger N = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16); // P-256's group order
    private final Random random = new Random(20261204);

    @Test
    void agreesWithTheJdkOnGenuineAndAlteredSignatures() throws Exception {
        int agreedTrue = 0;
        for (int k = 0; k < 8; k++) {
            KeyPair pair = keyPair("secp256r1");
            ECPublicKey key = (ECPublicKey) pair.getPublic();
            assertTrue(P256Verifier.serves(key));
            for (int i = 0; i < 25; i++) {
                byte[] data = new byte[1 + random.nextInt(400)];
                random.nextBytes(data);
                byte[] sig = CoseSignatures.sign(CoseSignatures.ES256, pair.getPrivate(), data);
                assertTrue(P256Verifier.verify(key, data, sig), "a genuine signature verifies");
                assertEquals(jdk(key, data, sig), true);
                agreedTrue++;

                byte[] flipped = sig.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                assertEquals(jdk(key, data, flipped), P256Verifier.verify(key, data, flipped), "one bit of the signature");
                assertFalse(P256Verifier.verify(key, data, flipped));

                byte[] other = data.clone();
                other[random.nextInt(other.length)] ^= 1;
                assertFalse(P256Verifier.verify(key, other, sig), "one bit of the data");
            }
        }
        assertEquals(200, agreedTrue);
    }

    @Test
    void theOtherSignatureOfTheSamePairVerifiesAsWithTheJdk() throws Exception {
        // ECDSA accepts (r, n - s) as well as (r, s); so does the JDK.
        Signed p = Signed.passage();
        ECPublicKey key = p.key();
        byte[] data = p.data();
        byte[] mirrored = raw(p.r(), N.subtract(p.s()));
        assertEquals(jdk(key, data, mirrored), P256Verifier.verify(key, data, mirrored));
        assertTrue(P256Verifier.verify(key, data, mirrored));
    }

    @Test
    void outOfRangeAndMisSizedSignaturesAreRefused() throws Exception {
        Signed p = Signed.passage();
        ECPublicKey key = p.key();
        byte[] data = p.data();
        byte[] sig = p.sig();
        BigInteger r = p.r();
        BigInteger s = p.s();
        for (byte[] bad : new byte[][] {
                raw(BigInteger.ZERO, s), raw(r, BigInteger.ZERO), raw(N, s), raw(r, N), new byte[64], Arrays.copyOf(sig, 63), Arrays.copyOf(sig, 65), new byte[0]}) {
            assertFalse(P256Verifier.verify(key, data, bad), "refused: " + bad.length + " bytes");
        }
    }

    @Test
    void keysOnOtherCurvesAreLeftToTheJdk() throws Exception {
        ECPublicKey p384 = (ECPublicKey) keyPair("secp384r1").getPublic();
        assertFalse(P256Verifier.serves(p384));
        KeyPair pair = keyPair("secp384r1");
        byte[] data = "passage".getBytes();
        byte[] sig = CoseSignatures.sign(CoseSignatures.ES256, pair.getPrivate(), data);
        assertEquals(96, sig.length);
        assertTrue(CoseSignatures.verifies(CoseSignatures.ES256, pair.getPublic(), data, sig), "the JDK verifies it");
    }

    @Test
    void theCachedPointIsTheKeysPoint() throws Exception {
        // Two keys verified in turn: each signature verifies with its own key only (no cross-talk in the cache).
        KeyPair a = keyPair("secp256r1");
        KeyPair b = keyPair("secp256r1");
        byte[] data = "same data".getBytes();
        byte[] sa = CoseSignatures.sign(CoseSignatures.ES256, a.getPrivate(), data);
        byte[] sb = CoseSignatures.sign(CoseSignatures.ES256, b.getPrivate(), data);
        for (int i = 0; i < 3; i++) {
            assertTrue(P256Verifier.verify((ECPublicKey) a.getPublic(), data, sa));
            assertFalse(P256Verifier.verify((ECPublicKey) a.getPublic(), data, sb));
            assertTrue(P256Verifier.verify((ECPublicKey) b.getPublic(), data, sb));
            assertFalse(P256Verifier.verify((ECPublicKey) b.getPublic(), data, sa));
        }
    }

    /** A fresh P-256 key's signature of "passage", with r and s taken apart. */
    private record Signed(ECPublicKey key, byte[] data, byte[] sig) {
        static Signed passage() throws Exception {
            KeyPair pair = keyPair("secp256r1");
            byte[] data = "passage".getBytes();
            return new Signed((ECPublicKey) pair.getPublic(), data,
                    CoseSignatures.sign(CoseSignatures.ES256, pair.getPrivate(), data));
        }

        BigInteger r() {
            return new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        }

        BigInteger s() {
            return new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        }
    }

    private static byte[] raw(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        put(r, out, 0);
        put(s, out, 32);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int at) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, at + 32 - len, len);
    }

    private static boolean jdk(ECPublicKey key, byte[] data, byte[] sig) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(key);
        v.update(data);
        try {
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }
}
