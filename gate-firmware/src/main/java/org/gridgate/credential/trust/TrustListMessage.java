package org.gridgate.credential.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.TrustedKey;

/**
 * The signed trust list (inner payload, docs/mqtt.md): {@code {"v":1,"type":"trust","version":N,
 * "issuedAt":"<instant>","keys":[{"store":"community"|"dcc","kid":"<b64>","publicKey":"<b64 SPKI>"
 * | "certificate":"<b64 X.509 DER>"}]}}. A DCC certificate without kid gets the EU DCC kid. All or
 * nothing: one bad key rejects the list.
 */
record TrustListMessage(long version, Instant issuedAt, Map<String, List<TrustedKey>> community,
        Map<String, List<TrustedKey>> dcc) {
    static final int MAX_KEYS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static TrustListMessage parse(byte[] payload) throws InvalidDocument {
        JsonNode root = Documents.root(payload, "trust");
        long version = Documents.version(root);
        Instant issued = Documents.issuedAt(root);
        JsonNode keys = root.path("keys");
        if (!keys.isArray() || keys.size() > MAX_KEYS) {
            throw new InvalidDocument("keys: missing, not a list or more than " + MAX_KEYS);
        }
        Map<String, List<TrustedKey>> community = new HashMap<>();
        Map<String, List<TrustedKey>> dcc = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            String at = "keys[" + i + "]";
            String store = k.path("store").asText("");
            Map<String, List<TrustedKey>> target = switch (store) {
                case "community" -> community;
                case "dcc" -> dcc;
                default -> throw new InvalidDocument(at + ".store: must be community or dcc");
            };
            TrustedKey key;
            byte[] kid;
            if (k.hasNonNull("certificate")) {
                X509Certificate cert = certificate(Documents.b64(k, "certificate", at), at);
                key = TrustedKey.of(cert);
                kid = k.hasNonNull("kid") ? Documents.b64(k, "kid", at) : InMemoryTrustStore.dccKid(cert);
            } else {
                key = TrustedKey.of(publicKey(Documents.b64(k, "publicKey", at), at));
                kid = Documents.b64(k, "kid", at);
            }
            target.computeIfAbsent(HexFormat.of().formatHex(kid), x -> new ArrayList<>()).add(key);
        }
        return new TrustListMessage(version, issued, freeze(community), freeze(dcc));
    }

    private static Map<String, List<TrustedKey>> freeze(Map<String, List<TrustedKey>> m) {
        m.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(m);
    }

    private static X509Certificate certificate(byte[] der, String at) throws InvalidDocument {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidDocument(at + ".certificate: not an X.509 certificate");
        }
    }

    private static PublicKey publicKey(byte[] der, String at) throws InvalidDocument {
        for (String alg : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // next
            }
        }
        throw new InvalidDocument(at + ".publicKey: not an EC or RSA SubjectPublicKeyInfo");
    }

    /** Shared parsing of the documents' common fields. */
    static final class Documents {
        private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

        private Documents() {}

        static JsonNode root(byte[] payload, String type) throws InvalidDocument {
            JsonNode root;
            try {
                root = JSON.readTree(payload);
            } catch (IOException e) {
                throw new InvalidDocument("not JSON");
            }
            if (root == null || !root.isObject() || root.path("v").asInt(-1) != 1) {
                throw new InvalidDocument("not a version 1 document");
            }
            if (!type.equals(root.path("type").asText())) {
                throw new InvalidDocument("type must be '" + type + "'");
            }
            return root;
        }

        static long version(JsonNode root) throws InvalidDocument {
            JsonNode v = root.get("version");
            if (v == null || !v.canConvertToLong() || v.asLong() < 1) {
                throw new InvalidDocument("version: missing or not a positive integer");
            }
            return v.asLong();
        }

        static Instant issuedAt(JsonNode root) throws InvalidDocument {
            Instant t;
            try {
                t = Instant.parse(root.path("issuedAt").asText(""));
            } catch (DateTimeException e) {
                throw new InvalidDocument("issuedAt: missing or not an ISO-8601 instant");
            }
            // TrustDb keeps epoch milliseconds, which end in the year 292278994; ISO's four-digit years are plenty.
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw new InvalidDocument("issuedAt: outside the years 0000-9999");
            }
            return t;
        }

        static byte[] b64(JsonNode n, String field, String at) throws InvalidDocument {
            try {
                if (!n.path(field).isTextual()) {
                    throw new IllegalArgumentException();
                }
                return Base64.getDecoder().decode(n.path(field).asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidDocument(at + "." + field + ": missing or not base64");
            }
        }
    }
}
