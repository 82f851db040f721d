package org.gridgate.sim.perf;

import java.nio.file.Path;

/**
 * What a bench run was asked for.
 *
 * @param quick the short CI version (the whole set well under three minutes)
 * @param outDir where reports, plots and scratch state go (each suite uses its own sub-directory)
 * @param seed for anything random, so a run can be repeated
 * @param only suite names to run; empty = all
 */
public record PerfOptions(boolean quick, Path outDir, long seed, java.util.Set<String> only) {
    public boolean wants(String suite) {
        return only.isEmpty() || only.contains(suite);
    }

    /** A fresh directory for one suite's scratch files. */
    public Path scratch(String suite) throws java.io.IOException {
        return java.nio.file.Files.createDirectories(outDir.resolve("scratch").resolve(suite));
    }
}
