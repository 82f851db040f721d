package org.gridgate.credential.hcert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes CBOR with definite lengths and the shortest integer arguments. {@link #encode} keeps map
 * order as given (what an issuer wrote); {@link #encodeCanonical} sorts map keys by their encoded
 * bytes (RFC 8949 4.2.1), so two equal items in any order encode to the same bytes.
 */
public final class CborEncoder {
    private final boolean canonical;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CborEncoder(boolean canonical) {
        this.canonical = canonical;
    }

    public static byte[] encode(Cbor item) {
        CborEncoder e = new CborEncoder(false);
        e.write(item);
        return e.out.toByteArray();
    }

    public static byte[] encodeCanonical(Cbor item) {
        CborEncoder e = new CborEncoder(true);
        e.write(item);
        return e.out.toByteArray();
    }

    private void write(Cbor item) {
        switch (item) {
            case Cbor.Int i -> {
                if (i.value() >= 0) {
                    head(0, i.value());
                } else {
                    head(1, -1 - i.value());
                }
            }
            case Cbor.Bytes b -> {
                byte[] v = b.value();
                head(2, v.length);
                out.writeBytes(v);
            }
            case Cbor.Text t -> {
                byte[] v = t.value().getBytes(StandardCharsets.UTF_8);
                head(3, v.length);
                out.writeBytes(v);
            }
            case Cbor.Array a -> {
                head(4, a.items().size());
                a.items().forEach(this::write);
            }
            case Cbor.CborMap m -> writeMap(m);
            case Cbor.Tagged t -> {
                head(6, t.tag());
                write(t.item());
            }
            case Cbor.Bool b -> out.write(b.value() ? 0xf5 : 0xf4);
            case Cbor.FloatingPoint f -> {
                out.write(0xfb);
                long bits = Double.doubleToLongBits(f.value());
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (bits >>> shift));
                }
            }
            case Cbor.Simple s -> out.write(s == Cbor.Simple.NULL ? 0xf6 : 0xf7);
        }
    }

    private void writeMap(Cbor.CborMap m) {
        head(5, m.entries().size());
        if (!canonical) {
            m.entries().forEach((k, v) -> {
                write(k);
                write(v);
            });
            return;
        }
        List<byte[][]> encoded = new ArrayList<>(m.entries().size());
        for (Map.Entry<Cbor, Cbor> e : m.entries().entrySet()) {
            encoded.add(new byte[][] {encodeCanonical(e.getKey()), encodeCanonical(e.getValue())});
        }
        encoded.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        for (byte[][] kv : encoded) {
            out.writeBytes(kv[0]);
            out.writeBytes(kv[1]);
        }
    }

    /** Major type and argument, the argument in the fewest bytes (unsigned 64-bit). */
    private void head(int major, long arg) {
        int m = major << 5;
        if (arg >= 0 && arg < 24) {
            out.write(m | (int) arg);
        } else if (arg >= 0 && arg <= 0xff) {
            out.write(m | 24);
            out.write((int) arg);
        } else if (arg >= 0 && arg <= 0xffff) {
            out.write(m | 25);
            out.write((int) (arg >>> 8));
            out.write((int) arg);
        } else if (arg >= 0 && arg <= 0xffffffffL) {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (arg >>> shift));
            }
        } else {
            out.write(m | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (arg >>> shift));
            }
        }
    }
}
