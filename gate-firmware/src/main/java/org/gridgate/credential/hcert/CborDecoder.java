package org.gridgate.credential.hcert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded CBOR decoder for untrusted input. Nesting is limited to {@link #MAX_DEPTH}; a declared
 * length or count is checked against the bytes that remain before anything is allocated, so memory
 * stays proportional to the input; the input must hold exactly one item; text must be valid UTF-8;
 * duplicate map keys, reserved additional-information values, unknown simple values and integers
 * outside the long range are refused.
 */
public final class CborDecoder {
    public static final int MAX_DEPTH = 16;

    private static final int INDEFINITE = -1;

    private final byte[] in;
    private int pos;
    private int depth;

    private CborDecoder(byte[] in) {
        this.in = in;
    }

    /** Decodes exactly one data item filling all of {@code data}. */
    public static Cbor decode(byte[] data) throws HcertException {
        CborDecoder d = new CborDecoder(data);
        Cbor item = d.item();
        if (d.pos != data.length) {
            throw HcertException.malformed("cbor: " + (data.length - d.pos) + " bytes after the data item");
        }
        return item;
    }

    private Cbor item() throws HcertException {
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(info);
        }
        long arg = argument(info, major);
        return switch (major) {
            case 0 -> new Cbor.Int(arg);
            case 1 -> new Cbor.Int(-1 - arg);
            case 2 -> new Cbor.Bytes(string(arg, 2));
            case 3 -> new Cbor.Text(utf8(string(arg, 3)));
            case 4 -> array(arg);
            case 5 -> map(arg);
            default -> tagged(arg);
        };
    }

    private long argument(int info, int major) throws HcertException {
        if (info < 24) {
            return info;
        }
        long v = switch (info) {
            case 24 -> uint(1);
            case 25 -> uint(2);
            case 26 -> uint(4);
            case 27 -> uint(8);
            case 31 -> {
                if (major < 2 || major > 5) {
                    throw fail("indefinite length not allowed for major type " + major);
                }
                yield INDEFINITE;
            }
            default -> throw fail("reserved additional information " + info);
        };
        if (info == 27 && v < 0) {
            throw fail("integer or length beyond 2^63");
        }
        return v;
    }

    private byte[] string(long length, int major) throws HcertException {
        if (length == INDEFINITE) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (!atBreak()) {
                int initial = next();
                if (initial >>> 5 != major || (initial & 0x1f) == 31) {
                    throw fail("indefinite string chunk of the wrong type");
                }
                byte[] chunk = string(argument(initial & 0x1f, major), major);
                chunks.write(chunk, 0, chunk.length);
            }
            return chunks.toByteArray();
        }
        if (length > in.length - pos) {
            throw fail("string declares " + length + " bytes, only " + (in.length - pos) + " remain");
        }
        byte[] s = new byte[(int) length];
        System.arraycopy(in, pos, s, 0, s.length);
        pos += s.length;
        return s;
    }

    private Cbor array(long count) throws HcertException {
        enter();
        List<Cbor> items = new ArrayList<>(capacity(count, 1));
        for (long i = 0; count == INDEFINITE ? !atBreak() : i < count; i++) {
            items.add(item());
        }
        depth--;
        return new Cbor.Array(items);
    }

    private Cbor map(long count) throws HcertException {
        enter();
        Map<Cbor, Cbor> entries = new LinkedHashMap<>(capacity(count, 2));
        for (long i = 0; count == INDEFINITE ? !atBreak() : i < count; i++) {
            Cbor key = item();
            Cbor value = item();
            if (entries.putIfAbsent(key, value) != null) {
                throw fail("duplicate map key");
            }
        }
        depth--;
        return new Cbor.CborMap(entries);
    }

    private Cbor tagged(long tag) throws HcertException {
        enter();
        Cbor item = item();
        depth--;
        return new Cbor.Tagged(tag, item);
    }

    private Cbor simple(int info) throws HcertException {
        return switch (info) {
            case 20 -> new Cbor.Bool(false);
            case 21 -> new Cbor.Bool(true);
            case 22 -> Cbor.Simple.NULL;
            case 23 -> Cbor.Simple.UNDEFINED;
            case 25 -> new Cbor.FloatingPoint(Float.float16ToFloat((short) uint(2)));
            case 26 -> new Cbor.FloatingPoint(Float.intBitsToFloat((int) uint(4)));
            case 27 -> new Cbor.FloatingPoint(Double.longBitsToDouble(uint(8)));
            case 31 -> throw fail("unexpected break");
            default -> throw fail("unsupported simple value " + info);
        };
    }

    /** A count is bounded by the bytes left (every item takes at least one), so it cannot force allocation. */
    private int capacity(long count, int bytesPerEntry) throws HcertException {
        if (count == INDEFINITE) {
            return 4;
        }
        long remaining = in.length - pos;
        if (count > remaining / bytesPerEntry) {
            throw fail("container declares " + count + " entries, only " + remaining + " bytes remain");
        }
        return (int) Math.min(count, 64);
    }

    private void enter() throws HcertException {
        if (++depth > MAX_DEPTH) {
            throw fail("nested deeper than " + MAX_DEPTH);
        }
    }

    private boolean atBreak() throws HcertException {
        if (pos >= in.length) {
            throw fail("truncated: missing break");
        }
        if ((in[pos] & 0xff) == 0xff) {
            pos++;
            return true;
        }
        return false;
    }

    private int next() throws HcertException {
        if (pos >= in.length) {
            throw fail("truncated");
        }
        return in[pos++] & 0xff;
    }

    private long uint(int bytes) throws HcertException {
        if (in.length - pos < bytes) {
            throw fail("truncated");
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    private String utf8(byte[] bytes) throws HcertException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("text string is not valid UTF-8");
        }
    }

    private HcertException fail(String why) {
        return HcertException.malformed("cbor: " + why + " (at byte " + pos + ")");
    }
}
