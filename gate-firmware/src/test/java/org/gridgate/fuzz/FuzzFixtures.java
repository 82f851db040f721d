package org.gridgate.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.gridgate.command.RootKeys;
import org.gridgate.config.CredentialConfig;
import org.gridgate.credential.InMemoryTrustStore;

/**
 * What the fuzz targets share: one fixed EC P-256 key (so the signed seeds in the corpus keep
 * verifying from run to run; it signs nothing outside these tests), the EU DCC signer certificates
 * of the DCC seeds, and the instant the DCC seeds are judged at.
 */
public final class FuzzFixtures {
    /** Inside the validity of most DCC seeds (DE, SE, the common cases). */
    public static final Instant DCC_NOW = Instant.parse("2021-06-01T18:00:00Z");
    public static final byte[] KID = {0x67, 0x67, 0x66, 0x75, 0x7a, 0x7a, 0x30, 0x31}; // "ggfuzz01"
    private static final String PRIVATE_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpKOKs/DrYyZSMZS3b5YViJNH5l"
            + "++55kvGfTGInNAH7GhRANCAASxq6ipa9iHqfatDJXCFAiB035N4zhLw5V+qYmGDiZyH6bX3khndFwP/i99/ZvW7Jb3fCClnpmdGPSI+r70zzpa";
    private static final String PUBLIC_SPKI = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsauoqWvYh6n2rQyVwhQIgdN+TeM4S8OVfqmJhg4mch"
            + "+m195IZ3RcD/4vff2b1uyW93wgpZ6ZnRj0iPq+9M86Wg==";
    public static final KeyPair KEYS = keys();

    private FuzzFixtures() {}

    private static KeyPair keys() {
        try {
            KeyFactory f = KeyFactory.getInstance("EC");
            return new KeyPair(f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_SPKI))),
                    f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE_PKCS8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The community root keys of a gate that trusts {@link #KEYS} under {@link #KID}. */
    public static RootKeys rootKeys() {
        return RootKeys.of(List.of(new CredentialConfig.RootKey(Base64.getEncoder().encodeToString(KID), PUBLIC_SPKI)));
    }

    /** The EU DCC signers of the seed codes, filed under their DCC key ids. */
    public static InMemoryTrustStore dccSigners() {
        InMemoryTrustStore store = new InMemoryTrustStore();
        try (InputStream in = FuzzFixtures.class.getResourceAsStream("dcc-signers.txt")) {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    store.addCertificate((X509Certificate) x509.generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(line.trim()))));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("dcc-signers.txt", e);
        }
        return store;
    }

    /** A scratch directory, in memory where the machine has /dev/shm: the stores fsync. */
    public static Path scratch(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, name)
                    : Files.createTempDirectory(name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a scratch directory left in /tmp is harmless
        }
    }

    /** Whether a rejection reason reads as one: present and not blank. */
    public static boolean readable(String reason) {
        return reason != null && !reason.isBlank();
    }
}
