package org.gridgate.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an identity (ID number, passport number) into what the gate may keep: a keyed hash the
 * server can match against its own (same key) and a masked form a volunteer can recognise. The clear
 * identity is never stored or logged; callers drop it after {@link #protect}.
 *
 * <p>The key is a secret of the device: without it the hashes of a few hundred million ID numbers
 * cannot be brute-forced from a stolen journal.
 */
public final class IdentityProtector {
    public static final int KEY_BYTES = 32;
    /** Strings shorter than this are masked except for their last character. */
    public static final int SHORT = 8;
    private static final String ALGORITHM = "HmacSHA256";

    /** What replaces a clear identity: {@code hash} for matching, {@code masked} for display. */
    public record Protected(String hash, String masked) {}

    private final SecretKeySpec key;

    IdentityProtector(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("identity key must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * Loads the key from {@code keyFile}, creating it (32 random bytes, mode 0600, written to a temp
     * file and moved into place) if absent.
     *
     * @throws IOException if the file cannot be read or created, or does not hold exactly 32 bytes
     */
    public static IdentityProtector open(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            create(keyFile);
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != KEY_BYTES) {
            throw new IOException("identity key file " + keyFile + " holds " + key.length + " bytes, expected "
                    + KEY_BYTES + ": refusing to hash identities with it");
        }
        return new IdentityProtector(key);
    }

    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".identity", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, key);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            // No REPLACE_EXISTING: if another process created the key meanwhile, theirs wins.
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            // The rename lives in the directory: without this a power cut can forget the key file
            // after the first records were hashed with it, and the next start makes a new key.
            syncDirectory(dir);
        } catch (FileAlreadyExistsException raced) {
            // keep the existing key
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** fsync of a directory, so a file created or renamed in it survives a power cut (Linux; a no-op where refused). */
    static void syncDirectory(Path dir) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // some file systems refuse to open a directory: nothing more we can do there
        }
    }

    /** Lower-case hex HMAC-SHA256 of the identity's UTF-8 bytes. */
    public String hash(String identity) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    public Protected protect(String identity) {
        return new Protected(hash(identity), mask(identity));
    }

    /**
     * Keeps the first two and last two characters and stars the rest, length preserved
     * ({@code 110101199003071234} → {@code 11**************34}). Strings shorter than {@link #SHORT}
     * would give too much away that way: all but the last character are starred, and a single
     * character is starred too. Counts code points, so a name in Chinese characters masks cleanly.
     */
    public static String mask(String identity) {
        int[] cps = identity.codePoints().toArray();
        int n = cps.length;
        StringBuilder out = new StringBuilder(identity.length());
        for (int i = 0; i < n; i++) {
            boolean keep = n >= SHORT ? i < 2 || i >= n - 2 : n > 1 && i == n - 1;
            if (keep) {
                out.appendCodePoint(cps[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }
}
