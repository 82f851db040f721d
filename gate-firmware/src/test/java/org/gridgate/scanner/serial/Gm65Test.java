package org.gridgate.scanner.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Gm65Test {
    static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    final List<Integer> replies = new ArrayList<>();
    final Gm65.ReplyFilter filter = new Gm65.ReplyFilter(new Gm65.ReplyFilter.Sink() {
        @Override
        public void bytes(byte[] data, int offset, int length) {
            passed.write(data, offset, length);
        }

        @Override
        public void reply(int value) {
            replies.add(value);
        }
    });

    void feed(String hex) {
        byte[] b = HEX.parseHex(hex);
        filter.feed(b, 0, b.length);
    }

    @Test
    void commandFramesAreByteExact() {
        assertArrayEquals(HEX.parseHex("7E 00 08 01 00 02 01 AB CD"), Gm65.trigger());
        assertArrayEquals(HEX.parseHex("7E 00 07 01 00 00 01 AB CD"), Gm65.readZone(0));
        assertArrayEquals(HEX.parseHex("7E 00 08 01 00 00 D5 AB CD"), Gm65.writeZone(0, 0xD5));
    }

    @Test
    void commandModeKeepsTheOtherBits() {
        assertEquals(0xD5, Gm65.commandMode(0xD6));
        assertEquals(0x01, Gm65.commandMode(0x00));
        assertEquals(0xFD, Gm65.commandMode(0xFF));
    }

    @Test
    void aReplyIsTakenOutAndCodesPassUnchanged() {
        feed("41 42 0D 02 00 00 01 D6 33 31 43 0D");
        assertEquals(List.of(0xD6), replies);
        assertEquals("AB\rC\r", passed.toString());
    }

    @Test
    void aReplySplitAcrossReadsIsStillRecognised() {
        feed("02 00");
        feed("00 01 07");
        assertEquals(List.of(), replies);
        assertEquals(0, passed.size());
        feed("33");
        feed("31 58 0D");
        assertEquals(List.of(7), replies);
        assertEquals("X\r", passed.toString());
    }

    @Test
    void bytesThatOnlyStartLikeAReplyArePassedInOrder() {
        feed("02 00 41 02 02 00 00 01 05 33 31");
        assertArrayEquals(HEX.parseHex("02 00 41 02"), passed.toByteArray());
        assertEquals(List.of(5), replies);
        feed("02 00 00 01 09 33 30 0D");
        assertArrayEquals(HEX.parseHex("02 00 41 02 02 00 00 01 09 33 30 0D"), passed.toByteArray());
        assertEquals(List.of(5), replies);
    }
}
