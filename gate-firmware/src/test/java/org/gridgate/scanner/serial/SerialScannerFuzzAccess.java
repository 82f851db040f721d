package org.gridgate.scanner.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the fuzz tests ({@code org.gridgate.fuzz}) drive the package-private byte-stream parsers of
 * a serial scanner wired as {@link SerialScanner} wires them: with GM65 triggering, the reply filter
 * takes the module's replies out first and passes the rest to the line parser.
 */
public final class SerialScannerFuzzAccess {
    /** What came out: codes, discard reasons and GM65 reply values. */
    public record Result(List<String> lines, List<String> discards, List<Integer> replies) {}

    private SerialScannerFuzzAccess() {}

    public static Result parse(byte[] terminator, int maxLength, boolean gm65, byte[] stream, int[] chunks) {
        List<String> lines = new ArrayList<>();
        List<String> discards = new ArrayList<>();
        List<Integer> replies = new ArrayList<>();
        LineParser parser = new LineParser(terminator, maxLength, new LineParser.Sink() {
            @Override
            public void line(String text) {
                lines.add(text);
            }

            @Override
            public void discarded(String reason) {
                discards.add(reason);
            }
        });
        Gm65.ReplyFilter filter = new Gm65.ReplyFilter(new Gm65.ReplyFilter.Sink() {
            @Override
            public void bytes(byte[] data, int offset, int length) {
                parser.feed(data, offset, length);
            }

            @Override
            public void reply(int value) {
                replies.add(value);
            }
        });
        int at = 0;
        for (int i = 0; i <= chunks.length; i++) {
            int len = i < chunks.length ? Math.min(chunks[i], stream.length - at) : stream.length - at;
            if (gm65) {
                filter.feed(stream, at, len);
            } else {
                parser.feed(stream, at, len);
            }
            at += len;
        }
        return new Result(lines, discards, replies);
    }
}
