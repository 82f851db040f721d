package org.gridgate.scanner.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a serial scanner's byte stream into codes at a terminator (CR, LF or CRLF). A line longer
 * than the maximum is discarded up to the next terminator and reported, never cut into a bogus code.
 * Empty lines are ignored. Not thread-safe: one reader feeds it. Also used by other line devices
 * (the serial mask detector).
 */
public final class LineParser {
    public interface Sink {
        void line(String text);

        void discarded(String reason);
    }

    private final byte[] terminator;
    private final int maxLength;
    private final Sink sink;
    private byte[] buf = new byte[256];
    private int len;
    private boolean overflowing;
    private long overflowBytes;

    public LineParser(byte[] terminator, int maxLength, Sink sink) {
        if (terminator.length == 0) {
            throw new IllegalArgumentException("empty terminator");
        }
        this.terminator = terminator.clone();
        this.maxLength = maxLength;
        this.sink = sink;
    }

    public void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            push(data[i]);
        }
    }

    private void push(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLength + terminator.length));
        }
        buf[len++] = b;
        if (endsWithTerminator()) {
            int textLength = len - terminator.length;
            if (overflowing) {
                sink.discarded("discarded an over-long code of " + (overflowBytes + textLength)
                        + " bytes (max " + maxLength + ")");
                overflowing = false;
                overflowBytes = 0;
            } else if (textLength > 0) {
                sink.line(new String(buf, 0, textLength, StandardCharsets.ISO_8859_1));
            }
            len = 0;
            return;
        }
        if (len > maxLength + terminator.length - 1) {
            // Keep the tail that could be the start of a terminator; drop the rest.
            int keep = terminator.length - 1;
            overflowBytes += len - keep;
            System.arraycopy(buf, len - keep, buf, 0, keep);
            len = keep;
            overflowing = true;
        }
    }

    private boolean endsWithTerminator() {
        if (len < terminator.length) {
            return false;
        }
        for (int i = 0; i < terminator.length; i++) {
            if (buf[len - terminator.length + i] != terminator[i]) {
                return false;
            }
        }
        return true;
    }
}
