package org.gridgate.sim.chaos;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One LazyFS mount (see ../shared/tools/lazyfs/USAGE.md): a FUSE file system that keeps written data
 * in its own cache until fsync. {@link #powerCut} drops everything not yet synced, as a power cut
 * drops the kernel's page cache. Torn writes are armed when mounting (LazyFS applies torn-op and
 * torn-seq faults only from its config file): on the chosen write it persists some parts of it and
 * kills itself, so the mount is gone from that moment, as the card is when the power goes.
 * Needs root (or fuse group rights) and /dev/fuse.
 */
final class LazyFs implements AutoCloseable {
    static final long MOUNT_TIMEOUT_MS = 20_000;

    /** A torn write: {@code op} is {@code torn-op} (one write split, some parts kept) or {@code torn-seq}. */
    record Torn(String type, String file, int occurrence) {
        String toml() {
            return "\n[[injection]]\ntype=\"" + type + "\"\nfile=\"" + file + "\"\noccurrence=" + occurrence + "\n"
                    + (type.equals("torn-op") ? "parts=3\npersist=[1,3]\n" : "op=\"write\"\npersist=[1,3]\n");
        }
    }

    private final Path mount;
    private final Process process;
    private final Path fifo;
    private final BlockingQueue<String> completed = new LinkedBlockingQueue<>();

    private LazyFs(Path mount, Process process, Path fifo) {
        this.mount = mount;
        this.process = process;
        this.fifo = fifo;
    }

    /**
     * Mounts {@code root} (where the data really lives) at {@code mount}; {@code work} holds the config,
     * the fault FIFOs and LazyFS's log. Returns once the mount is in /proc/mounts.
     */
    static LazyFs mount(Path binary, Path root, Path mount, Path work, Torn torn) throws IOException, InterruptedException {
        Files.createDirectories(root);
        Files.createDirectories(mount);
        Path fifo = work.resolve("faults.fifo");
        Path done = work.resolve("completed.fifo");
        Path config = work.resolve("lazyfs.toml");
        Files.writeString(config, String.join("\n",
                "[faults]",
                "fifo_path=\"" + fifo + "\"",
                "fifo_path_completed=\"" + done + "\"",
                "[cache]",
                "apply_eviction=false",
                "[cache.simple]",
                "custom_size=\"64mb\"",
                "blocks_per_page=1",
                "[filesystem]",
                "log_all_operations=false",
                "logfile=\"\"") + "\n" + (torn == null ? "" : torn.toml()), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(binary.toString(), mount.toString(), "--config-path", config.toString(),
                "-o", "allow_other", "-o", "modules=subdir", "-o", "subdir=" + root, "-f")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("lazyfs.log").toFile()))
                .start();
        LazyFs fs = new LazyFs(mount, p, fifo);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MOUNT_TIMEOUT_MS);
        while (!fs.mounted() || !Files.exists(done)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fs.close();
                throw new IOException("LazyFS did not mount " + mount + " (see " + work.resolve("lazyfs.log") + ")");
            }
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        // LazyFS's fault worker opens the completion FIFO for writing and blocks there until a reader
        // comes: it takes no command before this thread opens it.
        Thread reader = new Thread(() -> {
            try (InputStream in = new FileInputStream(done.toFile())) {
                StringBuilder line = new StringBuilder();
                for (int b; (b = in.read()) >= 0; ) {
                    if (b == '\n') {
                        fs.completed.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) b);
                    }
                }
            } catch (IOException e) {
                // LazyFS is gone: nothing more will complete
            }
        }, "lazyfs-completed");
        reader.setDaemon(true);
        reader.start();
        return fs;
    }

    /** True while the FUSE mount is listed (a LazyFS that killed itself leaves it listed but dead). */
    boolean mounted() throws IOException {
        String target = " " + mount.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(target));
    }

    /** False once LazyFS has crashed itself (a torn write fired). */
    boolean alive() {
        return process.isAlive();
    }

    /** Drops every byte not yet fsync'd; returns once LazyFS says it is done (false if it could not). */
    boolean powerCut() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return true; // it crashed itself on a torn write: the cut has happened
        }
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write("lazyfs::clear-cache\n".getBytes(StandardCharsets.US_ASCII));
        }
        String done = completed.poll(MOUNT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return "finished::clear-cache".equals(done);
    }

    /** Unmounts (lazily, if the mount is dead or busy) and waits for LazyFS to exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (List<String> cmd : List.of(List.of("fusermount3", "-u", mount.toString()),
                List.of("fusermount3", "-uz", mount.toString()), List.of("umount", "-l", mount.toString()))) {
            if (!mounted()) {
                break;
            }
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(MOUNT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        if (!process.waitFor(MOUNT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
