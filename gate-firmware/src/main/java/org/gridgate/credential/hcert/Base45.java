package org.gridgate.credential.hcert;

import java.nio.charset.StandardCharsets;

/**
 * Base45 (RFC 9285), strict: only the 45 characters of the alphabet, no length of the form 3n+1,
 * and no triple or pair whose value overflows 16 or 8 bits.
 */
public final class Base45 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base45() {}

    public static byte[] decode(String text) throws HcertException {
        int n = text.length();
        if (n % 3 == 1) {
            throw HcertException.malformed("base45: length " + n + " is not valid (3n+1)");
        }
        byte[] out = new byte[n / 3 * 2 + (n % 3 == 2 ? 1 : 0)];
        int o = 0;
        for (int i = 0; i < n; i += 3) {
            if (n - i >= 3) {
                int v = digit(text, i) + digit(text, i + 1) * 45 + digit(text, i + 2) * 45 * 45;
                if (v > 0xffff) {
                    throw HcertException.malformed("base45: triple at " + i + " exceeds 65535");
                }
                out[o++] = (byte) (v >>> 8);
                out[o++] = (byte) v;
            } else {
                int v = digit(text, i) + digit(text, i + 1) * 45;
                if (v > 0xff) {
                    throw HcertException.malformed("base45: final pair exceeds 255");
                }
                out[o++] = (byte) v;
            }
        }
        return out;
    }

    public static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length / 2 * 3 + 2);
        for (int i = 0; i < data.length; i += 2) {
            if (data.length - i >= 2) {
                int v = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
                sb.append(ALPHABET.charAt(v % 45)).append(ALPHABET.charAt(v / 45 % 45)).append(ALPHABET.charAt(v / 2025));
            } else {
                int v = data[i] & 0xff;
                sb.append(ALPHABET.charAt(v % 45)).append(ALPHABET.charAt(v / 45));
            }
        }
        return sb.toString();
    }

    /** Convenience for RFC examples: the Base45 of a string's UTF-8 bytes. */
    public static String encode(String utf8) {
        return encode(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private static int digit(String text, int i) throws HcertException {
        char c = text.charAt(i);
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw HcertException.malformed("base45: character at " + i + " is not in the alphabet");
        }
        return v;
    }
}
