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
     * The display form a volunteer reads. A leading kind prefix of one to three letters (the roster's
     * {@code R-}, {@code V-}, a passport's letter) is kept: it says what kind of credential, not whose.
     * Of the number after it, a long one (8 or more letters and digits: an ID card or passport
     * number) keeps its first two and last two ({@code 110101199003071234} → {@code 11**************34});
     * a short community number (4-7) keeps its first and last two, so the few hundred people of one
     * compound stay apart on the screen ({@code R-0001} → {@code R-0*01}, {@code R-9001} → {@code R-9*01},
     * {@code V-0001} → {@code V-0*01}); three keep the last two. Anything else — a name, a two-letter
     * code — shows its last character only, and a single character none. Counts code points, so a
     * name in Chinese characters masks cleanly.
     */
    public static String mask(String identity) {
        java.util.regex.Matcher m = PREFIXED.matcher(identity);
        String prefix = m.matches() ? m.group(1) : "";
        String rest = m.matches() ? m.group(2) : identity;
        int[] cps = rest.codePoints().toArray();
        int n = cps.length;
        boolean number = rest.matches("[A-Za-z0-9]+") && n >= 3;
        int head = !number ? 0 : n >= SHORT ? 2 : n >= 4 ? 1 : 0;
        int tail = number ? 2 : n > 1 ? 1 : 0;
        StringBuilder out = new StringBuilder(identity.length()).append(prefix);
        for (int i = 0; i < n; i++) {
            if (i < head || i >= n - tail) {
                out.appendCodePoint(cps[i]);
            } else {
                out.append('*');
            }
        }
        return out.toString();
    }

    /** A kind prefix ({@code R-}, {@code V-}, {@code E}) and a number that starts with a digit. */
    private static final java.util.regex.Pattern PREFIXED = java.util.regex.Pattern.compile("([A-Za-z]{1,3}-?)([0-9].*)");
}
