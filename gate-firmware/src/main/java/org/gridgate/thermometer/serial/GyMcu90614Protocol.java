package org.gridgate.thermometer.serial;

/**
 * The GY-MCU90614 UART board's wire format. Host commands are three bytes ending in a checksum;
 * the board answers with 9-byte frames {@code 5A 5A 45 04 ToH ToL TaH TaL SUM}, SUM being the low
 * byte of the sum of bytes 0-7, temperatures signed 16-bit big-endian in hundredths of a degree.
 */
public final class GyMcu90614Protocol {
    public static final int FRAME_LENGTH = 9;
    static final int HEADER = 0x5A;
    static final int TYPE_TEMPERATURE = 0x45;
    static final int DATA_LENGTH = 0x04;

    /** Ask for one reading (query mode). */
    public static byte[] queryOnce() {
        return new byte[] {(byte) 0xA5, 0x15, (byte) 0xBA};
    }

    /** Switch the board to continuous output. */
    public static byte[] continuous() {
        return new byte[] {(byte) 0xA5, 0x45, (byte) 0xEA};
    }

    /** Encodes a reading the way the board sends it; used by the simulator and tests. */
    public static byte[] frame(double objectC, double ambientC) {
        byte[] f = new byte[FRAME_LENGTH];
        f[0] = HEADER;
        f[1] = HEADER;
        f[2] = TYPE_TEMPERATURE;
        f[3] = DATA_LENGTH;
        int to = (int) Math.round(objectC * 100);
        int ta = (int) Math.round(ambientC * 100);
        f[4] = (byte) (to >> 8);
        f[5] = (byte) to;
        f[6] = (byte) (ta >> 8);
        f[7] = (byte) ta;
        f[8] = (byte) checksum(f, 8);
        return f;
    }

    static int checksum(byte[] b, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += b[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    private GyMcu90614Protocol() {}
}
