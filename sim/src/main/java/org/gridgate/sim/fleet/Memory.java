package org.gridgate.sim.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Resident memory and threads of processes, from /proc (Linux). */
final class Memory {
    private Memory() {}

    static long rssKb(long pid) {
        return field(pid, "VmRSS:");
    }

    static int threads(long pid) {
        return (int) field(pid, "Threads:");
    }

    private static long field(long pid, String name) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith(name)) {
                    return Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** "memory: ..." — the gates' JVM before and during the run, per gate, and each broker node. */
    static String line(int gates, long rssBeforeKb, long rssRunKb, int threads, NatsCluster cluster) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "memory: gates' JVM %d MB resident with %d gates (%d MB before them; %.0f KB per gate), %d threads",
                rssRunKb / 1024, gates, rssBeforeKb / 1024, gates == 0 ? 0.0 : (rssRunKb - rssBeforeKb) / (double) gates,
                threads));
        if (cluster != null) {
            b.append("; broker nodes");
            for (int i = 0; i < cluster.nodes().size(); i++) {
                b.append(' ').append(cluster.nodes().get(i).name()).append(' ')
                        .append(cluster.pid(i).stream().map(p -> rssKb(p) / 1024).findFirst().orElse(-1L)).append(" MB");
            }
        }
        return b.toString();
    }
}
