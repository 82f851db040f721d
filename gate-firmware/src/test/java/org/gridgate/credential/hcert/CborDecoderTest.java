package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CborDecoderTest {
    private static Cbor decode(String hex) throws HcertException {
        return CborDecoder.decode(HexFormat.of().parseHex(hex));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Examples from RFC 8949 appendix A. */
    @Test
    void rfc8949Examples() throws HcertException {
        assertEquals(new Cbor.Int(0), decode("00"));
        assertEquals(new Cbor.Int(1000000), decode("1a000f4240"));
        assertEquals(new Cbor.Int(-1000), decode("3903e7"));
        assertEquals(new Cbor.Int(Long.MAX_VALUE), decode("1b7fffffffffffffff"));
        assertEquals(new Cbor.FloatingPoint(1.5), decode("f93e00"));
        assertEquals(new Cbor.FloatingPoint(100000.0), decode("fa47c35000"));
        assertEquals(new Cbor.FloatingPoint(-4.1), decode("fbc010666666666666"));
        assertEquals(new Cbor.Text("\u6c34"), decode("63e6b0b4"));
        assertEquals(new Cbor.Bytes(new byte[] {1, 2, 3, 4}), decode("4401020304"));
        assertEquals(new Cbor.Bytes(new byte[] {1, 2, 3, 4, 5}), decode("5f42010243030405ff"));
        assertEquals(new Cbor.Text("streaming"), decode("7f657374726561646d696e67ff"));
        assertEquals(new Cbor.Tagged(1, new Cbor.Int(1363896240)), decode("c11a514b67b0"));
        assertEquals(new Cbor.Bool(true), decode("f5"));
        assertEquals(Cbor.Simple.NULL, decode("f6"));
        Cbor nested = decode("9f018202039f0405ffff");
        assertEquals(new Cbor.Array(List.of(Cbor.of(1), new Cbor.Array(List.of(Cbor.of(2), Cbor.of(3))),
                new Cbor.Array(List.of(Cbor.of(4), Cbor.of(5))))), nested);
        Cbor.CborMap map = (Cbor.CborMap) decode("a201020304");
        assertEquals(Cbor.of(2), map.get(1).orElseThrow());
        assertEquals(Cbor.of(4), map.get(3).orElseThrow());
        assertEquals(Cbor.of("b"), ((Cbor.CborMap) decode("bf61610161629f0203ffff")).entries().keySet().toArray()[1]);
    }

    @Test
    void encoderWritesRfcPreferredForms() {
        assertEquals("1903e8", hex(CborEncoder.encode(Cbor.of(1000))));
        assertEquals("3903e7", hex(CborEncoder.encode(Cbor.of(-1000))));
        assertEquals("1b7fffffffffffffff", hex(CborEncoder.encode(Cbor.of(Long.MAX_VALUE))));
        assertEquals("3b7fffffffffffffff", hex(CborEncoder.encode(Cbor.of(Long.MIN_VALUE))));
        assertEquals("d8187818" + "61".repeat(24), hex(CborEncoder.encode(new Cbor.Tagged(24, Cbor.of("a".repeat(24))))));
    }

    @Test
    void encodeThenDecodeIsIdentity() throws HcertException {
        Map<Cbor, Cbor> m = new LinkedHashMap<>();
        m.put(Cbor.of(-260), new Cbor.Array(List.of(Cbor.of("x"), Cbor.of(new byte[300]), new Cbor.Bool(false))));
        m.put(Cbor.of("k"), new Cbor.Tagged(18, new Cbor.FloatingPoint(2.5)));
        m.put(Cbor.of(70000), Cbor.Simple.UNDEFINED);
        Cbor item = new Cbor.CborMap(m);
        assertEquals(item, CborDecoder.decode(CborEncoder.encode(item)));
    }

    @Test
    void canonicalEncodingIgnoresMapOrder() {
        Map<Cbor, Cbor> a = new LinkedHashMap<>();
        a.put(Cbor.of("bb"), Cbor.of(1));
        a.put(Cbor.of(10), Cbor.of(2));
        a.put(Cbor.of("a"), Cbor.of(3));
        Map<Cbor, Cbor> b = new LinkedHashMap<>();
        b.put(Cbor.of("a"), Cbor.of(3));
        b.put(Cbor.of("bb"), Cbor.of(1));
        b.put(Cbor.of(10), Cbor.of(2));
        byte[] ca = CborEncoder.encodeCanonical(new Cbor.CborMap(a));
        assertArrayEquals(ca, CborEncoder.encodeCanonical(new Cbor.CborMap(b)));
        assertEquals("a30a0261610362626201", hex(ca)); // 10, "a", "bb": by encoded bytes
        assertEquals("a3626262010a02616103", hex(CborEncoder.encode(new Cbor.CborMap(a))), "plain encoding keeps order");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "81".repeat(100_000) + "00";
        HcertException e = assertThrows(HcertException.class, () -> decode(deep));
        assertTrue(e.detail().contains("nested deeper"), e.detail());
        assertThrows(HcertException.class, () -> decode("d812".repeat(50) + "00")); // tags nest too
    }

    @Test
    void nestingUpToTheLimitIsFine() throws HcertException {
        assertEquals(CborDecoder.MAX_DEPTH, depth(decode("81".repeat(CborDecoder.MAX_DEPTH) + "00")));
    }

    private static int depth(Cbor c) {
        return c instanceof Cbor.Array a ? 1 + depth(a.items().get(0)) : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "5bffffffffffffffff",         // byte string of 2^64-1 bytes
        "5b7fffffffffffffff00",       // byte string of 2^63-1 bytes, one byte present
        "7a7fffffff61",               // text string of 2^31-1 bytes
        "9b00000001000000000000",     // array of 2^32 items
        "9a0000ffff00",               // array of 65535 items, one present
        "ba000fffff0000",             // map of 2^20 entries
        "5f5bffffffffffffffffff",     // indefinite byte string with a huge chunk
    })
    void hugeDeclaredLengthsAreRefusedBeforeAllocating(String hex) {
        HcertException e = assertThrows(HcertException.class, () -> decode(hex));
        assertTrue(e.detail().contains("remain") || e.detail().contains("beyond"), e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "18", "19ff", "1b00000000", "62", "6261", "82", "8201", "a1", "a101", "bf", "bf0102", "9f01",
        "5f41", "d2", "f9", "fb0000",
    })
    void truncatedInputIsRefused(String hex) {
        assertThrows(HcertException.class, () -> decode(hex));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000",           // trailing bytes
        "1c", "1d", "1e", // reserved additional information
        "1f",             // indefinite unsigned integer
        "ff",             // lone break
        "f8ff",           // unknown simple value
        "a201020103",     // duplicate map key
        "62c328",         // invalid UTF-8
        "5f6161ff",       // text chunk inside a byte string
        "5f5f4101ffff",   // nested indefinite chunk
        "1bffffffffffffffff", // beyond the long range
        "3bffffffffffffffff",
    })
    void invalidStructureIsRefused(String hex) {
        assertThrows(HcertException.class, () -> decode(hex));
    }
}
