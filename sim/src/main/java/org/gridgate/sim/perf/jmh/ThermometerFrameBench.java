package org.gridgate.sim.perf.jmh;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.gridgate.thermometer.serial.GyMcu90614Parser;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The GY-MCU90614 frame parser: a serial read of {@link #FRAMES} back-to-back 9-byte frames fed at
 * once, time per frame. A second benchmark puts two garbage bytes before each frame, so the parser
 * resynchronises every time (its slow path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThermometerFrameBench {
    static final int FRAMES = 100;
    private byte[] clean;
    private byte[] noisy;
    private GyMcu90614Parser parser;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole bh) {
        sink = bh;
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            byte[] f = GyMcu90614Protocol.frame(34.0 + (i % 40) / 10.0, 21.5 + (i % 7) / 10.0);
            c.writeBytes(f);
            n.write(0x5A); // a lone header byte, then junk: the parser must drop them and find the frame
            n.write(0x13);
            n.writeBytes(f);
        }
        clean = c.toByteArray();
        noisy = n.toByteArray();
        parser = GyMcu90614Parser.collecting(sink::consume, sink::consume);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frames() {
        parser.feed(clean, 0, clean.length);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void framesAfterGarbage() {
        parser.feed(noisy, 0, noisy.length);
    }
}
