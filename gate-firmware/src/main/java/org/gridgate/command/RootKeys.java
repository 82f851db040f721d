package org.gridgate.command;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridgate.config.CredentialConfig;

/** The community root keys from {@code credentials.rootKeys}, by base64 key id (ids need not be unique). */
public final class RootKeys {
    private final Map<String, List<PublicKey>> byKid;

    private RootKeys(Map<String, List<PublicKey>> byKid) {
        this.byKid = byKid;
    }

    /** @throws IllegalArgumentException naming the key that is not base64 SPKI DER of an EC or RSA key */
    public static RootKeys of(List<CredentialConfig.RootKey> keys) {
        Map<String, List<PublicKey>> m = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            CredentialConfig.RootKey k = keys.get(i);
            String kid;
            byte[] der;
            try {
                kid = Base64.getEncoder().encodeToString(Base64.getDecoder().decode(k.kid().trim()));
                der = Base64.getDecoder().decode(k.publicKey().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("credentials.rootKeys[" + i + "]: kid and publicKey must be base64");
            }
            m.computeIfAbsent(kid, x -> new ArrayList<>()).add(publicKey(der, i));
        }
        m.replaceAll((kid, list) -> List.copyOf(list));
        return new RootKeys(Map.copyOf(m));
    }

    public List<PublicKey> keys(String kidBase64) {
        return byKid.getOrDefault(kidBase64, List.of());
    }

    public boolean isEmpty() {
        return byKid.isEmpty();
    }

    private static PublicKey publicKey(byte[] der, int i) {
        for (String alg : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("credentials.rootKeys[" + i
                + "].publicKey: not an EC or RSA SubjectPublicKeyInfo (base64 DER)");
    }
}
