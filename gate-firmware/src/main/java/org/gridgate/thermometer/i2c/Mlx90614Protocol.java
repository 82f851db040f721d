package org.gridgate.thermometer.i2c;

import java.io.IOException;

/**
 * The MLX90614's SMBus words: RAM 0x06 ambient, 0x07 object, EEPROM 0x24 emissivity. Each word
 * travels LSB, MSB, PEC; the PEC is CRC-8 (x^8+x^2+x+1, init 0) over the whole transaction's
 * address and data bytes, so a corrupted word is caught rather than read as a temperature.
 */
final class Mlx90614Protocol {
    static final int RAM_AMBIENT = 0x06;
    static final int RAM_OBJECT = 0x07;
    static final int EEPROM_EMISSIVITY = 0x24;
    static final int ERROR_FLAG = 0x8000;

    private Mlx90614Protocol() {}

    static int crc8(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** The PEC of a read-word: over {@code SA_W cmd SA_R LSB MSB}. */
    static int readPec(int address, int command, int lsb, int msb) {
        return crc8(new byte[] {(byte) (address << 1), (byte) command, (byte) ((address << 1) | 1), (byte) lsb,
            (byte) msb});
    }

    /** Checks a read-word reply ({@code LSB MSB PEC}) and returns the 16-bit word. */
    static int word(int address, int command, byte[] reply) throws IOException {
        int lsb = reply[0] & 0xFF;
        int msb = reply[1] & 0xFF;
        int pec = readPec(address, command, lsb, msb);
        if (pec != (reply[2] & 0xFF)) {
            throw new IOException(String.format("PEC mismatch on 0x%02X: got %02X, expected %02X", command,
                    reply[2] & 0xFF, pec));
        }
        return (msb << 8) | lsb;
    }

    /** The bytes after the command of a write-word: {@code LSB MSB PEC}, PEC over {@code SA_W cmd LSB MSB}. */
    static byte[] writeWord(int address, int command, int word) {
        byte lsb = (byte) word;
        byte msb = (byte) (word >> 8);
        int pec = crc8(new byte[] {(byte) (address << 1), (byte) command, lsb, msb});
        return new byte[] {lsb, msb, (byte) pec};
    }

    static double celsius(int raw) {
        return raw * 0.02 - 273.15;
    }

    static int emissivityWord(double emissivity) {
        if (!(emissivity >= 0.1 && emissivity <= 1.0)) {
            throw new IllegalArgumentException("emissivity must be between 0.1 and 1.0, got " + emissivity);
        }
        return (int) Math.round(65535 * emissivity);
    }

    static double emissivity(int word) {
        return word / 65535.0;
    }
}
