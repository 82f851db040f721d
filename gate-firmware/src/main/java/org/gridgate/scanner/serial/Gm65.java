package org.gridgate.scanner.serial;

/**
 * The GM65/GM66 module's serial command set. Frames are {@code 7E 00 <type> <len> <addrH addrL>
 * <data> AB CD} (AB CD = "no CRC"); type 07 reads a setting zone, 08 writes it (until power-off;
 * 09 would save it to flash, which we avoid: the mode is set again at every open). The module
 * answers {@code 02 00 00 01 <value> 33 31}. Zone 0x0000 bits 1-0 are the scan mode: 00 manual
 * (button), 01 command-triggered, 10 continuous, 11 sensing.
 */
final class Gm65 {
    static final int REPLY_LENGTH = 7;
    static final int MODE_MASK = 0x03;
    static final int MODE_COMMAND = 0x01;

    private Gm65() {}

    static byte[] readZone(int address) {
        return frame(0x07, address, 0x01);
    }

    static byte[] writeZone(int address, int value) {
        return frame(0x08, address, value);
    }

    /** Starts one scan in command-triggered mode (write 01 to zone 0x0002). */
    static byte[] trigger() {
        return writeZone(0x0002, 0x01);
    }

    /** The zone 0x0000 value that selects command-triggered mode and keeps every other bit. */
    static int commandMode(int zone0) {
        return (zone0 & ~MODE_MASK) | MODE_COMMAND;
    }

    private static byte[] frame(int type, int address, int data) {
        return new byte[] {0x7E, 0x00, (byte) type, 0x01, (byte) (address >> 8), (byte) address, (byte) data,
            (byte) 0xAB, (byte) 0xCD};
    }

    /**
     * Takes the module's replies out of the byte stream before the line parser sees it: codes and
     * replies share the wire. Bytes that start like a reply are held until they either complete one
     * or diverge, then passed on unchanged. Not thread-safe: one reader feeds it.
     */
    static final class ReplyFilter {
        interface Sink {
            void bytes(byte[] data, int offset, int length);

            void reply(int value);
        }

        private static final int[] PATTERN = {0x02, 0x00, 0x00, 0x01, -1, 0x33, 0x31};
        private final byte[] held = new byte[REPLY_LENGTH];
        private final Sink sink;
        private int heldLength;

        ReplyFilter(Sink sink) {
            this.sink = sink;
        }

        void feed(byte[] data, int offset, int length) {
            int passFrom = offset;
            for (int i = offset; i < offset + length; i++) {
                if (heldLength == 0 && (data[i] & 0xFF) != PATTERN[0]) {
                    continue;
                }
                if (heldLength == 0) {
                    sink.bytes(data, passFrom, i - passFrom);
                }
                if (matches(heldLength, data[i])) {
                    held[heldLength++] = data[i];
                    if (heldLength == REPLY_LENGTH) {
                        heldLength = 0;
                        sink.reply(held[4] & 0xFF);
                    }
                } else {
                    flushHeld();
                    if (matches(0, data[i])) {
                        held[heldLength++] = data[i];
                    } else {
                        sink.bytes(data, i, 1);
                    }
                }
                passFrom = i + 1;
            }
            if (heldLength == 0) {
                sink.bytes(data, passFrom, offset + length - passFrom);
            }
        }

        private static boolean matches(int position, byte b) {
            return PATTERN[position] < 0 || PATTERN[position] == (b & 0xFF);
        }

        private void flushHeld() {
            byte[] copy = java.util.Arrays.copyOf(held, heldLength);
            heldLength = 0;
            sink.bytes(copy, 0, copy.length);
        }
    }
}
