package org.gridgate.sim.perf.wear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small ext4 file system in an image file, loop-mounted, standing in for the gate's SD card: the
 * kernel counts every sector written to the loop device ({@code /sys/block/loopN/stat}), file data,
 * ext4's own journal and metadata alike. Needs root (mount); {@link #mount} says why when it cannot.
 */
final class LoopCard implements AutoCloseable {
    private final Path mount;
    private final String device;

    private LoopCard(Path mount, String device) {
        this.mount = mount;
        this.device = device;
    }

    /** Makes and mounts a {@code megabytes} MB ext4 image under {@code dir}. */
    static LoopCard mount(Path dir, int megabytes) throws IOException, InterruptedException {
        Path image = dir.resolve("card.img");
        Path mount = Files.createDirectories(dir.resolve("card"));
        Files.deleteIfExists(image);
        // As Raspberry Pi OS formats and mounts its root: ext4, 4 KB blocks (mkfs would pick 1 KB for an
        // image this small), noatime.
        run(List.of("truncate", "-s", megabytes + "M", image.toString()));
        run(List.of("mkfs.ext4", "-q", "-F", "-b", "4096", "-E", "lazy_itable_init=0,lazy_journal_init=0", image.toString()));
        run(List.of("mount", "-o", "loop,noatime", image.toString(), mount.toString()));
        String target = " " + mount.toAbsolutePath() + " ";
        String source = Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(target))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst()
                .orElseThrow(() -> new IOException(mount + " not in /proc/mounts after mounting"));
        return new LoopCard(mount, Path.of(source).getFileName().toString());
    }

    Path dir() {
        return mount;
    }

    /** Bytes written to the device so far, after flushing what the kernel still holds for it. */
    long bytesWritten() throws IOException, InterruptedException {
        run(List.of("sync", "-f", mount.toString()));
        String[] f = Files.readString(Path.of("/sys/block", device, "stat")).trim().split("\\s+");
        return Long.parseLong(f[6]) * 512; // field 7: sectors written, always 512-byte units
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", mount.toString()));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
