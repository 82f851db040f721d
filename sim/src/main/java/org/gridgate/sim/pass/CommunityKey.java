package org.gridgate.sim.pass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.gridgate.config.CredentialConfig;

/**
 * The community's signing key (EC P-256) as the bench keeps it: one PEM file holding the PKCS#8
 * private key and the X.509 public key. The key id is the first 8 bytes of SHA-256 over the public
 * key's DER, the same rule the demo uses, so every tool derives the same kid from the same file.
 */
public record CommunityKey(KeyPair pair, byte[] kid) {
    public CommunityKey {
        kid = kid.clone();
    }

    @Override
    public byte[] kid() {
        return kid.clone();
    }

    public static CommunityKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return of(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 on this JVM", e);
        }
    }

    static CommunityKey of(KeyPair pair) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
            return new CommunityKey(pair, Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 on this JVM", e);
        }
    }

    /** Loads {@code file}, or generates a key and writes it there (mode 600) when it does not exist. */
    public static CommunityKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        CommunityKey k = generate();
        k.save(file);
        return k;
    }

    public static CommunityKey load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory f = KeyFactory.getInstance("EC");
            var priv = f.generatePrivate(new PKCS8EncodedKeySpec(Pem.block(text, "PRIVATE KEY")));
            var pub = f.generatePublic(new X509EncodedKeySpec(Pem.block(text, "PUBLIC KEY")));
            return of(new KeyPair(pub, priv));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not a community key file (PKCS#8 EC private key + public key PEM): "
                    + e.getMessage(), e);
        }
    }

    /** Writes the key file, readable by its owner only; never overwrites. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String text = Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded())
                + Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded());
        Pem.writePrivate(file, text);
    }

    public String kidBase64() {
        return Base64.getEncoder().encodeToString(kid);
    }

    /** The entry a gate's {@code credentials.trustAnchors} needs to verify this key's passes. */
    public CredentialConfig.TrustAnchor anchor() {
        return new CredentialConfig.TrustAnchor(kidBase64(),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    /** The entry a gate's {@code credentials.rootKeys} needs to accept what this key signs (roster, commands). */
    public CredentialConfig.RootKey rootKey() {
        CredentialConfig.TrustAnchor a = anchor();
        return new CredentialConfig.RootKey(a.kid(), a.publicKey());
    }

    /** The same key as config YAML, for a technician to paste: it issues passes and signs the server's messages. */
    public String anchorYaml() {
        CredentialConfig.TrustAnchor a = anchor();
        return "credentials:\n  trustAnchors:\n    - kid: \"" + a.kid() + "\"\n      publicKey: \"" + a.publicKey()
                + "\"\n  rootKeys:\n    - kid: \"" + a.kid() + "\"\n      publicKey: \"" + a.publicKey() + "\"\n";
    }

    static java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerOnly() {
        return PosixFilePermissions.fromString("rw-------");
    }
}
