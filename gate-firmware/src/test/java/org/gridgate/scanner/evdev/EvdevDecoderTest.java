package org.gridgate.scanner.evdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EvdevDecoderTest {
    final List<String> codes = new ArrayList<>();
    final List<String> discarded = new ArrayList<>();

    EvdevDecoder decoder(int recordSize, int max) {
        return new EvdevDecoder(recordSize, max, ByteOrder.LITTLE_ENDIAN, new EvdevDecoder.Sink() {
            @Override
            public void code(String text) {
                codes.add(text);
            }

            @Override
            public void discarded(String reason) {
                discarded.add(reason);
            }
        });
    }

    /** Records the way a keyboard reports one key stroke: MSC_SCAN, the key event, SYN_REPORT. */
    static final class Recording {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int size;
        long usec = 1_700_000_000_000_000L;

        Recording(int size) {
            this.size = size;
        }

        Recording event(int type, int code, int value) {
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            usec += 850;
            if (size == 24) {
                b.putLong(usec / 1_000_000).putLong(usec % 1_000_000);
            } else {
                b.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000));
            }
            b.putShort((short) type).putShort((short) code).putInt(value);
            out.writeBytes(b.array());
            return this;
        }

        Recording key(int code, int value) {
            return event(4, 4, 0x70000 + code).event(1, code, value).event(0, 0, 0);
        }

        Recording stroke(int code) {
            return key(code, 1).key(code, 0);
        }

        Recording shifted(int code) {
            return key(42, 1).stroke(code).key(42, 0);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** "HC1:a/B" + Enter: shift for H, C, ':' and B, right shift for one of them. */
    static Recording hc1(int size) {
        return new Recording(size).shifted(35).shifted(46).stroke(2).shifted(39).stroke(30).stroke(53)
                .key(54, 1).stroke(48).key(54, 0).stroke(28);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24})
    void decodesAWholeCodeWithShift(int size) {
        EvdevDecoder d = decoder(size, 100);
        byte[] b = hc1(size).bytes();
        d.feed(b, 0, b.length);
        assertEquals(List.of("HC1:a/B"), codes);
        assertTrue(discarded.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24})
    void recordsSplitAtEveryPossibleByteDecodeTheSame(int size) {
        byte[] b = hc1(size).bytes();
        for (int cut = 1; cut < 2 * size; cut++) {
            EvdevDecoder d = decoder(size, 100);
            for (int at = 0; at < b.length; at += cut) {
                d.feed(b, at, Math.min(cut, b.length - at));
            }
        }
        assertEquals(2 * size - 1, codes.size());
        assertTrue(codes.stream().allMatch("HC1:a/B"::equals), codes.toString());
    }

    @Test
    void aRecorded24ByteStreamDecodesByteExact() {
        // Captured shape: 'x' (45) press and release, Enter press; timeval, type, code, value, little-endian.
        String hex = """
                00f1536500000000 a086010000000000 0100 2d00 01000000
                00f1536500000000 a086010000000000 0000 0000 00000000
                00f1536500000000 b0ad010000000000 0100 2d00 00000000
                00f1536500000000 c0d4010000000000 0100 1c00 01000000
                """.replaceAll("\\s", "");
        byte[] b = HexFormat.of().parseHex(hex);
        EvdevDecoder d = decoder(24, 100);
        d.feed(b, 0, b.length);
        assertEquals(List.of("x"), codes);
        assertThrows(IllegalArgumentException.class, () -> decoder(20, 10));
    }

    @Test
    void anInterruptedCodeIsDiscardedNotGluedToTheNext() {
        EvdevDecoder d = decoder(24, 100);
        byte[] partial = new Recording(24).shifted(35).shifted(46).bytes();
        d.feed(partial, 0, partial.length - 5); // unplugged mid-record
        d.reset();
        byte[] next = new Recording(24).stroke(2).stroke(28).bytes();
        d.feed(next, 0, next.length);
        assertEquals(List.of("1"), codes);
        assertEquals(List.of("discarded an interrupted code of 2 chars"), discarded);
    }

    @Test
    void capsLockKeypadAndAutorepeat() {
        EvdevDecoder d = decoder(24, 100);
        byte[] b = new Recording(24).stroke(58).stroke(30).shifted(30).stroke(58).stroke(30)
                .stroke(79).key(74, 1).key(74, 2).key(74, 0).stroke(96).bytes();
        d.feed(b, 0, b.length);
        assertEquals(List.of("Aaa1-"), codes, "caps inverts letters only; autorepeat types nothing");
    }

    @Test
    void aKeyWithoutACharacterOrAnOverLongCodeSpoilsTheWholeCode() {
        EvdevDecoder d = decoder(24, 3);
        byte[] b = new Recording(24).stroke(30).stroke(59 /* F1 */).stroke(30).stroke(28)
                .stroke(2).stroke(3).stroke(4).stroke(5).stroke(28)
                .stroke(6).stroke(28).bytes();
        d.feed(b, 0, b.length);
        assertEquals(List.of("5"), codes);
        assertEquals(List.of("discarded a code: key 59 types no character", "discarded a code: longer than 3 chars"),
                discarded);
    }

    @Test
    void nativeRecordSizeFollowsTheDataModel() {
        String before = System.getProperty("sun.arch.data.model");
        try {
            System.setProperty("sun.arch.data.model", "32");
            assertEquals(16, EvdevDecoder.nativeRecordSize());
            System.setProperty("sun.arch.data.model", "64");
            assertEquals(24, EvdevDecoder.nativeRecordSize());
        } finally {
            System.setProperty("sun.arch.data.model", before);
        }
    }
}
