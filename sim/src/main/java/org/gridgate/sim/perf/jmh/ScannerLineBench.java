package org.gridgate.sim.perf.jmh;

import java.nio.charset.StandardCharsets;
import org.gridgate.scanner.serial.LineParser;
import java.util.concurrent.TimeUnit;
import org.gridgate.sim.perf.micro.SignedCodes;
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
 * The serial scanner's line parser: {@link #LINES} health codes (a real signed pass, about 200
 * characters) with CR terminators fed as one read, time per code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScannerLineBench {
    static final int LINES = 32;
    private byte[] stream;
    private LineParser parser;

    @Setup
    public void setUp(Blackhole bh) throws Throwable {
        String code = SignedCodes.create().es256();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            sb.append(code).append('\r');
        }
        stream = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        parser = new LineParser(new byte[] {'\r'}, 4096, new LineParser.Sink() {
            @Override
            public void line(String text) {
                bh.consume(text);
            }

            @Override
            public void discarded(String reason) {
                bh.consume(reason);
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void lines() {
        parser.feed(stream, 0, stream.length);
    }
}
