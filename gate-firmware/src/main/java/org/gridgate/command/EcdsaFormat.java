package org.gridgate.command;

import java.math.BigInteger;
import java.util.Arrays;

/** Converts ECDSA signatures between the JCA's DER SEQUENCE{r,s} and the fixed-size raw r||s. */
final class EcdsaFormat {
    private EcdsaFormat() {}

    /** The size of r (and of s) on the key's curve: 32 on P-256, 48 on P-384, 66 on P-521. */
    static int componentBytes(java.security.interfaces.ECKey key) {
        return (key.getParams().getOrder().bitLength() + 7) / 8;
    }

    static byte[] derToRaw(byte[] der, int size) {
        int i = 2;
        if ((der[1] & 0xff) == 0x81) {
            i = 3;
        }
        if (der[0] != 0x30 || der[i] != 0x02) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        int rLen = der[i + 1];
        byte[] r = Arrays.copyOfRange(der, i + 2, i + 2 + rLen);
        int j = i + 2 + rLen;
        if (der[j] != 0x02) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        byte[] s = Arrays.copyOfRange(der, j + 2, j + 2 + der[j + 1]);
        byte[] out = new byte[2 * size];
        put(new BigInteger(1, r), out, 0, size);
        put(new BigInteger(1, s), out, size, size);
        return out;
    }

    static byte[] rawToDer(byte[] raw, int size) {
        if (raw.length != 2 * size) {
            throw new IllegalArgumentException("raw signature must be " + 2 * size + " bytes");
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, size)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, size, raw.length)).toByteArray();
        int len = 2 + r.length + 2 + s.length;
        byte[] out = new byte[(len > 127 ? 3 : 2) + len];
        int p = 0;
        out[p++] = 0x30;
        if (len > 127) {
            out[p++] = (byte) 0x81;
        }
        out[p++] = (byte) len;
        out[p++] = 0x02;
        out[p++] = (byte) r.length;
        System.arraycopy(r, 0, out, p, r.length);
        p += r.length;
        out[p++] = 0x02;
        out[p++] = (byte) s.length;
        System.arraycopy(s, 0, out, p, s.length);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int off, int size) {
        byte[] b = v.toByteArray();
        int start = Math.max(0, b.length - size);
        int n = b.length - start;
        if (n > size) {
            throw new IllegalArgumentException("ECDSA component too large");
        }
        System.arraycopy(b, start, out, off + size - n, n);
    }
}
