package org.gridgate.sim.perf.decision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor under a durable commit on this disk: appending a page to a file in the journal's own
 * directory and forcing it with {@code fsync} (file data and metadata), which is what the bundled
 * SQLite calls once per commit at {@code synchronous=FULL} in WAL mode (seen with strace: it is
 * built without fdatasync). The suite samples it between passages, so it sees the disk as the
 * passages did.
 */
final class FsyncProbe implements AutoCloseable {
    private static final int PAGE = 4096;
    /** Start again at the front now and then, as SQLite reuses its WAL after a checkpoint. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer page = ByteBuffer.allocate(PAGE);
    private final long[] samples;
    private int count;

    FsyncProbe(Path dir, int capacity) throws IOException {
        this.file = dir.resolve("fsync-probe.bin");
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.samples = new long[capacity];
    }

    /** One write + fsync; its time is kept (up to the capacity). */
    void sample() throws IOException {
        if (channel.position() >= MAX_BYTES) {
            channel.position(0);
        }
        page.clear();
        long t0 = System.nanoTime();
        channel.write(page);
        channel.force(true);
        long t = System.nanoTime() - t0;
        if (count < samples.length) {
            samples[count++] = t;
        }
    }

    Latencies latencies() {
        return Latencies.of(java.util.Arrays.copyOf(samples, count));
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
