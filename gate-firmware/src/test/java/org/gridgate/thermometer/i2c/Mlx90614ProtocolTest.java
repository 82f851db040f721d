package org.gridgate.thermometer.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Mlx90614ProtocolTest {
    static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void pecMatchesTheDatasheetVector() {
        assertEquals(0x30, Mlx90614Protocol.crc8(HEX.parseHex("B4 07 B5 D2 3A")));
        assertEquals(0x30, Mlx90614Protocol.readPec(0x5A, 0x07, 0xD2, 0x3A));
    }

    @Test
    void wordIsLittleEndianAndConvertsToCelsius() throws IOException {
        int w = Mlx90614Protocol.word(0x5A, 0x07, HEX.parseHex("D2 3A 30"));
        assertEquals(0x3AD2, w);
        assertEquals(28.01, Mlx90614Protocol.celsius(w), 1e-9);
    }

    @Test
    void aFlippedBitFailsThePec() {
        IOException e = assertThrows(IOException.class, () -> Mlx90614Protocol.word(0x5A, 0x07, HEX.parseHex("D3 3A 30")));
        assertEquals("PEC mismatch on 0x07: got 30, expected 25", e.getMessage());
    }

    @Test
    void aReplyReadFromTheWrongCommandFailsThePec() {
        assertThrows(IOException.class, () -> Mlx90614Protocol.word(0x5A, 0x06, HEX.parseHex("D2 3A 30")));
    }

    @Test
    void writeWordCarriesPecOverAddressCommandAndData() {
        // skin emissivity 0.98 -> 0xFAE0
        assertEquals(0xFAE0, Mlx90614Protocol.emissivityWord(0.98));
        byte[] w = Mlx90614Protocol.writeWord(0x5A, 0x24, 0xFAE0);
        assertArrayEquals(new byte[] {(byte) 0xE0, (byte) 0xFA,
            (byte) Mlx90614Protocol.crc8(HEX.parseHex("B4 24 E0 FA"))}, w);
        assertEquals(Mlx90614Protocol.crc8(HEX.parseHex("B4 24 00 00")), Mlx90614Protocol.writeWord(0x5A, 0x24, 0)[2] & 0xFF);
    }

    @Test
    void emissivityOutsideThePhysicalRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Mlx90614Protocol.emissivityWord(1.2));
        assertThrows(IllegalArgumentException.class, () -> Mlx90614Protocol.emissivityWord(Double.NaN));
        assertEquals(65535, Mlx90614Protocol.emissivityWord(1.0));
    }
}
