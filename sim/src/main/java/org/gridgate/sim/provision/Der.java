package org.gridgate.sim.provision;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The handful of DER encodings (ITU-T X.690) a certificate and a certification request need.
 * Each method returns one complete TLV.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {}

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(value.length + 6);
        b.write(tag);
        int n = value.length;
        if (n < 0x80) {
            b.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int off = len[0] == 0 ? 1 : 0;
            b.write(0x80 | (len.length - off));
            b.write(len, off, len.length - off);
        }
        b.writeBytes(value);
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    static byte[] bool(boolean v) {
        return tlv(0x01, new byte[] {(byte) (v ? 0xFF : 0x00)});
    }

    /** A bit string with no unused bits. */
    static byte[] bitString(byte[] bits) {
        return tlv(0x03, concat(new byte[] {0}, bits));
    }

    static byte[] octetString(byte[] v) {
        return tlv(0x04, v);
    }

    static byte[] utf8(String s) {
        return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Context-specific, constructed: {@code [n] { content }}. */
    static byte[] explicit(int n, byte[] content) {
        return tlv(0xA0 | n, content);
    }

    /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
    static byte[] time(ZonedDateTime t) {
        ZonedDateTime u = t.withZoneSameInstant(ZoneOffset.UTC);
        return u.getYear() < 2050 ? tlv(0x17, u.format(UTC_TIME).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, u.format(GENERALIZED_TIME).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7F);
                v >>>= 7;
            } while (v != 0);
            for (int j = n - 1; j >= 0; j--) {
                b.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, b.toByteArray());
    }
}
