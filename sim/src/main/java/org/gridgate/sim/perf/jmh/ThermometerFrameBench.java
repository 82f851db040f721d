package org.gridgate.sim.perf.jmh;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private static final Class<?> PARSER = PackagePrivate.type("org.gridgate.thermometer.serial.GyMcu90614Parser");
    private static final MethodHandle COLLECTING;
    private static final MethodHandle FEED = PackagePrivate.feed(PARSER);

    static {
        try {
            COLLECTING = PackagePrivate.lookupIn(PARSER).findStatic(PARSER, "collecting",
                    MethodType.methodType(PARSER, Consumer.class, Consumer.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private byte[] clean;
    private byte[] noisy;
    private Object parser;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole bh) throws Throwable {
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
        Consumer<Object> frames = sink::consume;
        Consumer<String> rejects = sink::consume;
        parser = COLLECTING.invoke(frames, rejects);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frames() throws Throwable {
        FEED.invokeExact(parser, clean, 0, clean.length);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void framesAfterGarbage() throws Throwable {
        FEED.invokeExact(parser, noisy, 0, noisy.length);
    }
}
