package org.gridgate.scanner.camera;

import java.util.function.Consumer;

/**
 * Cuts a byte stream into frames of a fixed size and hands on the first {@code lumaBytes} of each
 * (the grey picture; for YUV 4:2:0 the chroma planes after it are skipped). Pure: fed from a byte
 * array in tests, from the frame grabber's output on the gate.
 */
final class FrameAssembler {
    private final int frameBytes;
    private final int lumaBytes;
    private final Consumer<byte[]> frames;
    private byte[] current;
    private int filled;

    FrameAssembler(int frameBytes, int lumaBytes, Consumer<byte[]> frames) {
        if (lumaBytes <= 0 || lumaBytes > frameBytes) {
            throw new IllegalArgumentException("luma " + lumaBytes + " of a " + frameBytes + "-byte frame");
        }
        this.frameBytes = frameBytes;
        this.lumaBytes = lumaBytes;
        this.frames = frames;
    }

    /** A new stream (the grabber restarted): a frame cut in half by the restart is dropped. */
    void reset() {
        current = null;
        filled = 0;
    }

    void feed(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (current == null) {
                // A fresh array per frame: the decoder owns the one it is given while it reads it.
                current = new byte[lumaBytes];
            }
            int n = Math.min(end - i, frameBytes - filled);
            if (filled < lumaBytes) {
                int copy = Math.min(n, lumaBytes - filled);
                System.arraycopy(data, i, current, filled, copy);
            }
            filled += n;
            i += n;
            if (filled == frameBytes) {
                byte[] done = current;
                current = null;
                filled = 0;
                frames.accept(done);
            }
        }
    }
}
