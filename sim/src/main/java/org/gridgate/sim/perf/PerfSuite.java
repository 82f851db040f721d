package org.gridgate.sim.perf;

/**
 * A group of benchmarks that shares a set-up (a running gate, a broker, a database). Each suite
 * reports its figures through {@link PerfReport#add} as soon as they are known, so a run that
 * fails half-way still shows what it measured.
 */
public interface PerfSuite {
    /** Short name used by {@code perf --only NAME}. */
    String name();

    void run(PerfOptions options, PerfReport report) throws Exception;
}
