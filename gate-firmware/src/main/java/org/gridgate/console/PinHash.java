package org.gridgate.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Volunteer PINs as stored in the config: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash
 * in base64. A PIN is short, so the iteration count is what makes a leaked config expensive to use.
 */
public final class PinHash {
    public static final int DEFAULT_ITERATIONS = 210_000;
    static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** PINs are digits; a longer one is a paste mistake, not a PIN. */
    static final int MAX_PIN = 32;
    /**
     * Shortest PIN {@code hash-pin} accepts. The console may be reachable from the LAN: with five tries per
     * lock and doubling locks, a six-digit PIN (10^6) holds for years where a four-digit one holds for days.
     * The config only holds hashes, so this is where the length can be enforced.
     */
    static final int MIN_PIN = 6;

    private PinHash() {}

    public static String hash(char[] pin, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] h = derive(pin, salt, iterations, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** True only if {@code pin} matches; a malformed stored hash never matches. Constant-time compare. */
    public static boolean verify(String stored, char[] pin) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] want = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || want.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(want, derive(pin, salt, iterations, want.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * {@code console hash-pin}: reads one PIN (6-32 digits; longer is better) from the first line of {@code in} and prints
     * the line to put in {@code console.volunteers[].pin}. Exit 0, or 65 (bad input) with the reason.
     */
    public static int cli(InputStream in, PrintStream out, PrintStream err) {
        char[] pin;
        try {
            pin = firstLine(in);
        } catch (IOException e) {
            err.println("gridgate: cannot read the PIN from stdin: " + e.getMessage());
            return 65;
        }
        try {
            if (pin.length < MIN_PIN || pin.length > MAX_PIN || !allDigits(pin)) {
                err.println("gridgate: a PIN is " + MIN_PIN + " to " + MAX_PIN + " digits on one line of stdin"
                        + " (a four-digit PIN is guessed in days by anyone on the LAN; eight digits are better)");
                return 65;
            }
            out.println(hash(pin, DEFAULT_ITERATIONS, new SecureRandom()));
            return 0;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && buf.size() <= MAX_PIN + 1) {
            if (b != '\r') {
                buf.write(b);
            }
        }
        return new String(buf.toByteArray(), StandardCharsets.UTF_8).toCharArray();
    }

    private static boolean allDigits(char[] pin) {
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
