package org.gridgate.scanner.evdev;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a keyboard-wedge scanner's evdev byte stream into codes. The stream is a sequence of
 * {@code struct input_event}: a timeval (16 bytes on 64-bit userspace, 8 on 32-bit), then u16 type,
 * u16 code, s32 value, in host byte order. Key presses (type EV_KEY, value 1) type characters on a
 * US layout with shift and caps lock tracked; Enter ends a code. A code with a key that types
 * nothing, or longer than the maximum, is discarded whole and reported: a code missing a character
 * is worse than no code. Records may arrive split across reads. Not thread-safe: one reader feeds it.
 */
final class EvdevDecoder {
    static final int EV_KEY = 1;

    interface Sink {
        void code(String text);

        void discarded(String reason);
    }

    private final int recordSize;
    private final int maxLength;
    private final Sink sink;
    private final ByteBuffer record;
    private final StringBuilder code = new StringBuilder();
    private boolean leftShift;
    private boolean rightShift;
    private boolean capsLock;
    private String spoiled;

    EvdevDecoder(int recordSize, int maxLength, ByteOrder order, Sink sink) {
        if (recordSize != 16 && recordSize != 24) {
            throw new IllegalArgumentException("struct input_event is 16 or 24 bytes, not " + recordSize);
        }
        this.recordSize = recordSize;
        this.maxLength = maxLength;
        this.sink = sink;
        this.record = ByteBuffer.allocate(recordSize).order(order);
    }

    /**
     * The record size of this JVM's userspace: 24 bytes where longs are 64-bit, 16 where they are
     * 32-bit (armhf). A 32-bit userspace built with 64-bit time_t has 24: configure it explicitly.
     */
    static int nativeRecordSize() {
        String model = System.getProperty("sun.arch.data.model", "");
        if (model.equals("64") || model.equals("32")) {
            return model.equals("64") ? 24 : 16;
        }
        return System.getProperty("os.arch", "").contains("64") ? 24 : 16;
    }

    void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            record.put(data[i]);
            if (!record.hasRemaining()) {
                record.flip();
                event(record.getShort(recordSize - 8) & 0xFFFF, record.getShort(recordSize - 6) & 0xFFFF,
                        record.getInt(recordSize - 4));
                record.clear();
            }
        }
    }

    /**
     * Forgets a partial record and a partial code, e.g. when the device was unplugged mid-code: the
     * next code starts clean instead of being glued to the remains of the last one.
     */
    void reset() {
        if (!code.isEmpty()) {
            sink.discarded("discarded an interrupted code of " + code.length() + " chars");
        }
        record.clear();
        code.setLength(0);
        spoiled = null;
        leftShift = false;
        rightShift = false;
    }

    private void event(int type, int key, int value) {
        if (type != EV_KEY) {
            return; // EV_SYN, EV_MSC scan codes, LEDs
        }
        switch (key) {
            case UsKeymap.KEY_LEFTSHIFT -> leftShift = value != 0;
            case UsKeymap.KEY_RIGHTSHIFT -> rightShift = value != 0;
            case UsKeymap.KEY_CAPSLOCK -> capsLock ^= value == 1;
            case UsKeymap.KEY_ENTER, UsKeymap.KEY_KPENTER -> {
                if (value == 1) {
                    end();
                }
            }
            default -> {
                if (value == 1) {
                    press(key);
                }
            }
        }
    }

    private void press(int key) {
        char c = UsKeymap.type(key, leftShift || rightShift, capsLock);
        if (c == 0) {
            if (spoiled == null) {
                spoiled = "key " + key + " types no character";
            }
        } else if (code.length() >= maxLength) {
            spoiled = "longer than " + maxLength + " chars";
        } else {
            code.append(c);
        }
    }

    private void end() {
        if (spoiled != null) {
            sink.discarded("discarded a code: " + spoiled);
        } else if (!code.isEmpty()) {
            sink.code(code.toString());
        }
        code.setLength(0);
        spoiled = null;
    }
}
