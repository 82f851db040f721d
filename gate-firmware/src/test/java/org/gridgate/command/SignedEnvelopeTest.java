package org.gridgate.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.gridgate.config.CredentialConfig;
import org.gridgate.credential.TestCredentials;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
    static final byte[] KID = {1, 2, 3, 4, 5, 6, 7, 8};
    static final byte[] PAYLOAD = "{\"v\":1,\"entries\":[]}".getBytes(StandardCharsets.UTF_8);

    static RootKeys keys(byte[] kid, KeyPair... pairs) {
        return RootKeys.of(java.util.Arrays.stream(pairs).map(p -> new CredentialConfig.RootKey(
                Base64.getEncoder().encodeToString(kid), Base64.getEncoder().encodeToString(p.getPublic().getEncoded())))
                .toList());
    }

    @Test
    void es256AndPs256RoundTripWithRawEcdsaSignatures() throws Exception {
        KeyPair ec = TestCredentials.ecKeys();
        KeyPair rsa = TestCredentials.rsaKeys();
        RootKeys keys = keys(KID, ec, rsa);
        for (KeyPair k : List.of(ec, rsa)) {
            byte[] env = SignedEnvelope.sign(PAYLOAD, KID, k.getPrivate());
            SignedEnvelope.Verified v = SignedEnvelope.verify(env, keys);
            assertArrayEquals(PAYLOAD, v.payload());
            assertEquals(Base64.getEncoder().encodeToString(KID), v.kid());
        }
        var node = new ObjectMapper().readTree(SignedEnvelope.sign(PAYLOAD, KID, ec.getPrivate()));
        assertEquals("ES256", node.path("alg").asText());
        assertEquals(64, Base64.getDecoder().decode(node.path("sig").asText()).length);
    }

    @Test
    void triesEveryKeyWithTheKidBecauseKidsAreNotUnique() throws Exception {
        KeyPair a = TestCredentials.ecKeys();
        KeyPair b = TestCredentials.ecKeys();
        byte[] env = SignedEnvelope.sign(PAYLOAD, KID, b.getPrivate());
        assertArrayEquals(PAYLOAD, SignedEnvelope.verify(env, keys(KID, a, b)).payload());
    }

    @Test
    void rejectsUnsignedTamperedUnknownAndWrongKey() throws Exception {
        KeyPair root = TestCredentials.ecKeys();
        RootKeys keys = keys(KID, root);
        assertEquals("malformed", code(PAYLOAD, keys)); // a bare, unsigned roster
        assertEquals("malformed", code(new byte[0], keys));
        assertEquals("malformed", code("not json".getBytes(StandardCharsets.UTF_8), keys));

        ObjectMapper json = new ObjectMapper();
        ObjectNode env = (ObjectNode) json.readTree(SignedEnvelope.sign(PAYLOAD, KID, root.getPrivate()));
        env.put("payload", Base64.getEncoder().encodeToString("{\"v\":1,\"entries\":[{}]}".getBytes()));
        assertEquals("bad_signature", code(json.writeValueAsBytes(env), keys));

        byte[] otherKid = SignedEnvelope.sign(PAYLOAD, new byte[] {9, 9, 9, 9, 9, 9, 9, 9}, root.getPrivate());
        assertEquals("unknown_kid", code(otherKid, keys));

        byte[] forged = SignedEnvelope.sign(PAYLOAD, KID, TestCredentials.ecKeys().getPrivate());
        assertEquals("bad_signature", code(forged, keys));

        byte[] rsaUnderEcKid = SignedEnvelope.sign(PAYLOAD, KID, TestCredentials.rsaKeys().getPrivate());
        assertEquals("bad_signature", code(rsaUnderEcKid, keys));
    }

    @Test
    void rootKeysThatAreNotKeysFailWithThePath() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RootKeys.of(List.of(new CredentialConfig.RootKey("AQID", "AAAA"))));
        assertEquals("credentials.rootKeys[0].publicKey: not an EC or RSA SubjectPublicKeyInfo (base64 DER)",
                e.getMessage());
    }

    @Test
    void largerCurvesSignAndVerifyWithTheirOwnRawSize() throws Exception {
        for (var curve : List.of(new Object[] {"secp384r1", 96}, new Object[] {"secp521r1", 132})) {
            KeyPair ec = TestCredentials.ecKeys((String) curve[0]);
            byte[] env = SignedEnvelope.sign(PAYLOAD, KID, ec.getPrivate());
            byte[] sig = Base64.getDecoder().decode(new ObjectMapper().readTree(env).path("sig").asText());
            assertEquals(curve[1], sig.length, (String) curve[0]);
            java.security.Signature p1363 = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
            p1363.initVerify(ec.getPublic());
            p1363.update(PAYLOAD);
            assertEquals(true, p1363.verify(sig), "raw r||s as IEEE P1363 reads it");
            assertArrayEquals(PAYLOAD, SignedEnvelope.verify(env, keys(KID, ec)).payload());
        }
    }

    @Test
    void ecdsaFormatRoundTripsShortComponents() {
        byte[] raw = new byte[64];
        raw[31] = 5; // r = 5, s = 0x80.. (needs a sign byte in DER)
        raw[32] = (byte) 0x80;
        assertArrayEquals(raw, EcdsaFormat.derToRaw(EcdsaFormat.rawToDer(raw, 32), 32));
    }

    private static String code(byte[] message, RootKeys keys) {
        return assertThrows(SignedEnvelope.Rejected.class, () -> SignedEnvelope.verify(message, keys)).code();
    }
}
