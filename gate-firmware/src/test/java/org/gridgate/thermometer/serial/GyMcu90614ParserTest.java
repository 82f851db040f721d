package org.gridgate.thermometer.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GyMcu90614ParserTest {
    static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    final List<GyMcu90614Frame> frames = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final GyMcu90614Parser parser = GyMcu90614Parser.collecting(frames::add, rejects::add);

    void feed(String hex) {
        byte[] b = HEX.parseHex(hex);
        parser.feed(b, 0, b.length);
    }

    @Test
    void datasheetExampleDecodes() {
        feed("5A 5A 45 04 0C 78 0D 19 A7");
        assertEquals(List.of(new GyMcu90614Frame(31.92, 33.53)), frames);
        assertTrue(rejects.isEmpty());
    }

    @Test
    void frameSplitAcrossReadsDecodesOnce() {
        feed("5A");
        feed("5A 45 04 0C");
        assertTrue(frames.isEmpty());
        feed("78 0D 19");
        feed("A7");
        assertEquals(List.of(new GyMcu90614Frame(31.92, 33.53)), frames);
    }

    @Test
    void mergedFramesDecodeInOrder() {
        byte[] a = GyMcu90614Protocol.frame(36.55, 24.10);
        byte[] b = GyMcu90614Protocol.frame(37.80, 24.00);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        parser.feed(both, 0, both.length);
        assertEquals(List.of(new GyMcu90614Frame(36.55, 24.10), new GyMcu90614Frame(37.80, 24.00)), frames);
    }

    @Test
    void badChecksumIsRejectedAndTheNextFrameStillDecodes() {
        feed("5A 5A 45 04 0C 78 0D 19 A8 5A 5A 45 04 0C 78 0D 19 A7");
        assertEquals(1, frames.size());
        assertTrue(rejects.get(0).contains("bad checksum"), rejects.toString());
    }

    @Test
    void garbageBeforeAFrameIsSkippedAndReported() {
        feed("00 FF 5A 13 5A 5A 5A 45 04 0C 78 0D 19 A7");
        assertEquals(List.of(new GyMcu90614Frame(31.92, 33.53)), frames);
        assertTrue(rejects.stream().anyMatch(r -> r.startsWith("skipped 5 byte")), rejects.toString());
    }

    @Test
    void negativeValuesAreSigned() {
        parser.feed(GyMcu90614Protocol.frame(-12.5, -3.25), 0, 9);
        assertEquals(List.of(new GyMcu90614Frame(-12.5, -3.25)), frames);
    }

    @Test
    void wrongTypeOrLengthByteIsNotAFrame() {
        feed("5A 5A 15 04 0C 78 0D 19 A7"); // a command echo, not a temperature frame
        feed("5A 5A 45 05 0C 78 0D 19 A8");
        assertTrue(frames.isEmpty());
    }

    @Test
    void encoderMatchesTheDatasheetBytes() {
        assertEquals("5a 5a 45 04 0c 78 0d 19 a7", HEX.formatHex(GyMcu90614Protocol.frame(31.92, 33.53)));
        assertEquals("a5 15 ba", HEX.formatHex(GyMcu90614Protocol.queryOnce()));
        assertEquals("a5 45 ea", HEX.formatHex(GyMcu90614Protocol.continuous()));
    }

    @Test
    void randomNoiseNeverCrashesAndFramesEmbeddedInNoiseAreFound() {
        Random rnd = new Random(7);
        int embedded = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] noise = new byte[rnd.nextInt(40)];
            rnd.nextBytes(noise);
            for (int i = 0; i < noise.length; i++) {
                if (noise[i] == 0x5A) {
                    noise[i] = 0; // keep the noise from forming a header by chance
                }
            }
            parser.feed(noise, 0, noise.length);
            parser.feed(GyMcu90614Protocol.frame(36.6, 22.0), 0, 9);
            embedded++;
        }
        assertEquals(embedded, frames.size());
        assertTrue(frames.stream().allMatch(f -> f.equals(new GyMcu90614Frame(36.6, 22.0))));
    }
}
