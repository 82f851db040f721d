package org.gridgate.sim.perf.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
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
 * characters) with CR terminators fed as one read, time per code. The parser's sink is a dynamic
 * proxy (its interface is package-private), which adds a few tens of nanoseconds per code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScannerLineBench {
    static final int LINES = 32;
    private static final Class<?> PARSER = PackagePrivate.type("org.gridgate.scanner.serial.LineParser");
    private static final Class<?> SINK = PackagePrivate.type("org.gridgate.scanner.serial.LineParser$Sink");
    private static final MethodHandle FEED = PackagePrivate.feed(PARSER);
    private static final MethodHandle CREATE;

    static {
        try {
            CREATE = PackagePrivate.lookupIn(PARSER).findConstructor(PARSER,
                    MethodType.methodType(void.class, byte[].class, int.class, SINK));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private byte[] stream;
    private Object parser;

    @Setup
    public void setUp(Blackhole bh) throws Throwable {
        String code = SignedCodes.create().es256();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            sb.append(code).append('\r');
        }
        stream = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        Object sink = Proxy.newProxyInstance(SINK.getClassLoader(), new Class<?>[] {SINK}, (proxy, method, args) -> {
            bh.consume(args[0]);
            return null;
        });
        parser = CREATE.invoke(new byte[] {'\r'}, 4096, sink);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void lines() throws Throwable {
        FEED.invokeExact(parser, stream, 0, stream.length);
    }
}
