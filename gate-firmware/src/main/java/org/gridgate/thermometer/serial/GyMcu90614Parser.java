package org.gridgate.thermometer.serial;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns the board's byte stream into frames. Bytes may arrive split or merged in any way; anything
 * that is not a valid frame (garbage, a bad checksum, a wrong type byte) is skipped byte by byte
 * until the stream resynchronises on {@code 5A 5A}. Not thread-safe: one reader feeds it. Public
 * for the benchmarks; the gate uses it through {@link GyMcu90614Thermometer}.
 */
public final class GyMcu90614Parser {
    /** Receives a frame or a description of what was skipped. */
    public interface Sink {
        void frame(GyMcu90614Frame frame);

        void rejected(String reason);
    }

    private final byte[] buf = new byte[GyMcu90614Protocol.FRAME_LENGTH];
    private final Sink sink;
    private int len;
    private int skipped;

    public GyMcu90614Parser(Sink sink) {
        this.sink = sink;
    }

    public static GyMcu90614Parser collecting(Consumer<GyMcu90614Frame> frames, Consumer<String> rejects) {
        return new GyMcu90614Parser(new Sink() {
            @Override
            public void frame(GyMcu90614Frame frame) {
                frames.accept(frame);
            }

            @Override
            public void rejected(String reason) {
                rejects.accept(reason);
            }
        });
    }

    public void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            push(data[i]);
        }
    }

    private void push(byte b) {
        buf[len++] = b;
        if (!prefixValid()) {
            shift();
            return;
        }
        if (len == GyMcu90614Protocol.FRAME_LENGTH) {
            int sum = GyMcu90614Protocol.checksum(buf, 8);
            if (sum != (buf[8] & 0xFF)) {
                sink.rejected(String.format("bad checksum: got %02X, frame sums to %02X", buf[8] & 0xFF, sum));
                shift();
                return;
            }
            reportSkipped();
            short to = (short) (((buf[4] & 0xFF) << 8) | (buf[5] & 0xFF));
            short ta = (short) (((buf[6] & 0xFF) << 8) | (buf[7] & 0xFF));
            len = 0;
            sink.frame(new GyMcu90614Frame(to / 100.0, ta / 100.0, to, ta));
        }
    }

    /** Whether the bytes gathered so far can still be the start of a frame. */
    private boolean prefixValid() {
        return switch (len) {
            case 1, 2 -> (buf[len - 1] & 0xFF) == GyMcu90614Protocol.HEADER;
            case 3 -> (buf[2] & 0xFF) == GyMcu90614Protocol.TYPE_TEMPERATURE;
            case 4 -> (buf[3] & 0xFF) == GyMcu90614Protocol.DATA_LENGTH;
            default -> true;
        };
    }

    /**
     * Drops the first byte and feeds the rest again, so a header inside garbage is not missed.
     * Recursion is bounded by the frame length.
     */
    private void shift() {
        byte[] rest = Arrays.copyOfRange(buf, 1, len);
        len = 0;
        skipped++;
        for (byte r : rest) {
            push(r);
        }
    }

    private void reportSkipped() {
        if (skipped > 0) {
            sink.rejected("skipped " + skipped + " byte(s) of garbage before a frame");
            skipped = 0;
        }
    }
}
