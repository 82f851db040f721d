package org.gridgate.scanner.evdev;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the fuzz tests ({@code org.gridgate.fuzz}) drive the package-private evdev decoder as
 * {@link EvdevScanner} does: records in host order, split across reads, with a reset where the
 * device went away.
 */
public final class EvdevFuzzAccess {
    /** Codes typed and discard reasons. */
    public record Result(List<String> codes, List<String> discards) {}

    private EvdevFuzzAccess() {}

    /** A chunk size of 0 stands for a device that went away: the decoder is reset there. */
    public static Result decode(int recordSize, int maxLength, ByteOrder order, byte[] stream, int[] chunks) {
        List<String> codes = new ArrayList<>();
        List<String> discards = new ArrayList<>();
        EvdevDecoder d = new EvdevDecoder(recordSize, maxLength, order, new EvdevDecoder.Sink() {
            @Override
            public void code(String text) {
                codes.add(text);
            }

            @Override
            public void discarded(String reason) {
                discards.add(reason);
            }
        });
        int at = 0;
        for (int n : chunks) {
            if (n == 0) {
                d.reset();
                continue;
            }
            int len = Math.min(n, stream.length - at);
            d.feed(stream, at, len);
            at += len;
        }
        d.feed(stream, at, stream.length - at);
        return new Result(codes, discards);
    }

    /** The characters a US-layout key press can type (the keymap's whole image). */
    public static boolean typeable(char c) {
        for (int key = 0; key < 128; key++) {
            if (UsKeymap.type(key, false, false) == c || UsKeymap.type(key, true, false) == c) {
                return true;
            }
        }
        return false;
    }
}
