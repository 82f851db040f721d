package org.gridgate.sim.perf.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The device parsers are package-private in the firmware (only their device classes use them), and
 * the device classes put a reader thread in front of them. The benchmarks reach the parsers directly
 * through method handles; held in static finals, the JIT calls them like ordinary methods.
 */
final class PackagePrivate {
    private PackagePrivate() {}

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("firmware class " + name + " not found", e);
        }
    }

    static MethodHandles.Lookup lookupIn(Class<?> c) {
        try {
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach " + c.getName(), e);
        }
    }

    /** {@code void feed(byte[], int, int)} of a parser, typed {@code (Object, byte[], int, int)void}. */
    static MethodHandle feed(Class<?> parser) {
        try {
            return lookupIn(parser)
                    .findVirtual(parser, "feed", MethodType.methodType(void.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no feed(byte[], int, int) in " + parser.getName(), e);
        }
    }
}
