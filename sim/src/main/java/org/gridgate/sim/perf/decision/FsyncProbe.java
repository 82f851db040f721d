package org.gridgate.sim.perf.decision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor under a durable commit on this disk: appending one small record to a file and forcing it
 * (fdatasync), as SQLite's WAL does once per commit at {@code synchronous=FULL}. Measured in the
 * journal's own directory so it is the same filesystem.
 */
final class FsyncProbe {
    private FsyncProbe() {}

    static Latencies measure(Path dir, int samples) throws IOException {
        Path f = dir.resolve("fsync-probe.bin");
        long[] nanos = new long[samples];
        ByteBuffer record = ByteBuffer.allocate(512);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < samples; i++) {
                record.clear();
                long t0 = System.nanoTime();
                ch.write(record);
                ch.force(false);
                nanos[i] = System.nanoTime() - t0;
            }
        } finally {
            Files.deleteIfExists(f);
        }
        return Latencies.of(nanos);
    }
}
