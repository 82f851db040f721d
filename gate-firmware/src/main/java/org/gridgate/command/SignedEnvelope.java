package org.gridgate.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The one envelope around everything the community server sends (roster, trust list, revocations,
 * commands), see docs/mqtt.md: {@code {"v":1,"kid":"<b64>","alg":"ES256"|"PS256","payload":"<b64>",
 * "sig":"<b64>"}}. The signature covers the payload bytes exactly as base64-decoded; ES256 signatures
 * are raw {@code r||s} (64 bytes, as in JWS and COSE), PS256 is RSASSA-PSS with SHA-256, MGF1-SHA-256
 * and a 32-byte salt.
 */
public final class SignedEnvelope {
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /** Key ids are 8 bytes in practice (as in HCERT); anything much longer is not one. */
    static final int MAX_KID = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final Base64.Encoder B64E = Base64.getEncoder();

    private SignedEnvelope() {}

    /** Why an envelope was refused. The message never quotes the payload. */
    public static final class Rejected extends Exception {
        private final String code;

        public Rejected(String code, String message) {
            super(message);
            this.code = code;
        }

        /** Short machine-readable reason: {@code malformed}, {@code unknown_kid}, {@code bad_signature}. */
        public String code() {
            return code;
        }
    }

    /** A verified envelope: the payload bytes and the root key id that signed them. */
    public record Verified(String kid, byte[] payload) {}

    /** Wraps {@code payload} signed with {@code key} under key id {@code kid} (raw bytes, sent as base64). */
    public static byte[] sign(byte[] payload, byte[] kid, PrivateKey key) {
        Objects.requireNonNull(payload);
        String alg = key instanceof ECKey ? "ES256" : "PS256";
        try {
            Signature s = signature(alg);
            s.initSign(key);
            s.update(payload);
            byte[] sig = s.sign();
            if (alg.equals("ES256")) {
                sig = EcdsaFormat.derToRaw(sig, 32);
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("v", 1);
            o.put("kid", B64E.encodeToString(kid));
            o.put("alg", alg);
            o.put("payload", B64E.encodeToString(payload));
            o.put("sig", B64E.encodeToString(sig));
            return JSON.writeValueAsBytes(o);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Checks the envelope against the root keys; every failure is a {@link Rejected} with a code. */
    public static Verified verify(byte[] message, RootKeys keys) throws Rejected {
        if (message == null || message.length == 0 || message.length > MAX_BYTES) {
            throw new Rejected("malformed", "empty or larger than " + MAX_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = JSON.readTree(message);
        } catch (IOException e) {
            throw new Rejected("malformed", "not a JSON envelope");
        }
        if (n == null || !n.isObject()) {
            throw new Rejected("malformed", "not a JSON envelope");
        }
        if (n.path("v").asInt(-1) != 1) {
            throw new Rejected("malformed", "envelope version must be 1 (unsigned message?)");
        }
        JsonNode kidNode = n.get("kid");
        if (kidNode != null && kidNode.isTextual() && kidNode.asText().length() > MAX_KID * 2) {
            throw new Rejected("malformed", "kid: " + kidNode.asText().length() + " characters, not a key id");
        }
        byte[] kid = field(n, "kid");
        byte[] payload = field(n, "payload");
        byte[] sig = field(n, "sig");
        String alg = n.path("alg").asText("");
        if (!alg.equals("ES256") && !alg.equals("PS256")) {
            throw new Rejected("malformed", "alg must be ES256 or PS256");
        }
        String kidText = B64E.encodeToString(kid);
        List<PublicKey> candidates = keys.keys(kidText);
        if (candidates.isEmpty()) {
            throw new Rejected("unknown_kid", "signed by unknown key " + kidText);
        }
        for (PublicKey k : candidates) {
            if (matches(alg, k, payload, sig)) {
                return new Verified(kidText, payload);
            }
        }
        throw new Rejected("bad_signature", "signature does not verify with key " + kidText);
    }

    private static boolean matches(String alg, PublicKey key, byte[] payload, byte[] sig) {
        boolean ec = key instanceof ECKey;
        if (ec != alg.equals("ES256")) {
            return false;
        }
        try {
            byte[] s = ec ? EcdsaFormat.rawToDer(sig, 32) : sig;
            Signature v = signature(alg);
            v.initVerify(key);
            v.update(payload);
            return v.verify(s);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Signature signature(String alg) throws GeneralSecurityException {
        if (alg.equals("ES256")) {
            return Signature.getInstance("SHA256withECDSA");
        }
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return s;
    }

    private static byte[] field(JsonNode n, String name) throws Rejected {
        JsonNode f = n.get(name);
        if (f == null || !f.isTextual() || f.asText().isEmpty()) {
            throw new Rejected("malformed", name + ": missing or not text");
        }
        try {
            return B64.decode(f.asText());
        } catch (IllegalArgumentException e) {
            throw new Rejected("malformed", name + ": not base64");
        }
    }
}
