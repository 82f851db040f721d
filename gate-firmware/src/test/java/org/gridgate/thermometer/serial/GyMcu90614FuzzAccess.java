package org.gridgate.thermometer.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the fuzz tests ({@code org.gridgate.fuzz}) drive the package-private frame parser exactly as
 * {@link GyMcu90614Thermometer} does, without a link or a reader thread in between (a thread would
 * hide an exception from the fuzzer).
 */
public final class GyMcu90614FuzzAccess {
    /** What the parser made of a byte stream. */
    public record Result(List<double[]> frames, List<String> rejections) {}

    private GyMcu90614FuzzAccess() {}

    /** Feeds {@code stream} in the given chunk sizes (the rest in one go); frames as {objectC, ambientC}. */
    public static Result parse(byte[] stream, int[] chunks) {
        List<double[]> frames = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        GyMcu90614Parser parser = GyMcu90614Parser.collecting(f -> frames.add(new double[] {f.objectC(), f.ambientC()}),
                rejections::add);
        int at = 0;
        for (int n : chunks) {
            int len = Math.min(n, stream.length - at);
            parser.feed(stream, at, len);
            at += len;
        }
        parser.feed(stream, at, stream.length - at);
        return new Result(frames, rejections);
    }
}
