package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian 13 machine with systemd as its init, booted with {@code systemd-nspawn} on an overlay of a
 * cached root file system, so package tests run the real dpkg, the real maintainer scripts and the
 * real unit under the real systemd. The root file system (debootstrap of trixie with systemd, Java 21
 * and mosquitto) is made once per machine and cached; each container writes only to its own upper
 * layer, thrown away at {@link #close()}. Needs root, debootstrap, systemd-nspawn (Debian's
 * systemd-container) and nsenter.
 */
final class Container implements AutoCloseable {
    private static final String SUITE = "trixie";
    private static final String PACKAGES = "systemd,systemd-sysv,dbus,openjdk-21-jre-headless,adduser,mosquitto,mosquitto-clients";
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final Path dir;
    private final Path merged;
    private final Process nspawn;
    private final long leader;

    private Container(Path dir, Path merged, Process nspawn, long leader) {
        this.dir = dir;
        this.merged = merged;
        this.nspawn = nspawn;
        this.leader = leader;
    }

    /** Boots a fresh container; {@code hostDir} appears read-only inside as {@code /host}. */
    static Container boot(Path workDir, Path hostDir) throws Exception {
        Path lower = rootfs();
        Path dir = Files.createTempDirectory(workDir, "container");
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path merged = Files.createDirectories(dir.resolve("merged"));
        run(Duration.ofSeconds(30), "mount", "-t", "overlay", "overlay", "-o",
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, merged.toString()).ok();
        Process nspawn = new ProcessBuilder(SystemTools.require("systemd-nspawn", "systemd-container"),
                "--register=no", "--keep-unit", "--quiet", "--private-network", "-D", merged.toString(),
                "--bind-ro=" + hostDir + ":/host", "--boot")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        Instant deadline = Instant.now().plus(BOOT);
        Optional<Long> leader = Optional.empty();
        while (leader.isEmpty() && nspawn.isAlive() && Instant.now().isBefore(deadline)) {
            leader = nspawn.descendants().filter(Container::isContainerInit).map(ProcessHandle::pid).findFirst();
            if (leader.isEmpty()) {
                nspawn.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        if (leader.isEmpty()) {
            nspawn.destroyForcibly();
            run(Duration.ofSeconds(30), "umount", "-l", merged.toString());
            fail("the container did not start:\n" + Files.readString(dir.resolve("console.log")));
        }
        Container c = new Container(dir, merged, nspawn, leader.get());
        // "running" or "degraded" (a unit that needs real hardware may fail in a container).
        c.exec(BOOT, "systemctl", "is-system-running", "--wait");
        return c;
    }

    /** The container's / as seen from the host. */
    Path root() {
        return merged;
    }

    /** Runs a command inside the container (all its namespaces, its root). */
    Result exec(String... argv) throws Exception {
        return exec(Duration.ofMinutes(3), argv);
    }

    Result exec(Duration limit, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(leader), "-m", "-u", "-i", "-n", "-p", "-r", "-w", "--"));
        cmd.addAll(List.of("env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "DEBIAN_FRONTEND=noninteractive"));
        cmd.addAll(List.of(argv));
        return run(limit, cmd.toArray(String[]::new));
    }

    /** Waits for a condition with a deadline, polling every 200 ms. */
    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + limit + ": " + what);
            }
            Thread.sleep(200); // a test polling another machine; nothing to be notified by
        }
    }

    @Override
    public void close() throws Exception {
        try {
            exec(Duration.ofSeconds(30), "systemctl", "poweroff", "--no-block");
        } catch (Exception | AssertionError ignored) {
            // the container is going away either way
        }
        if (!nspawn.waitFor(60, TimeUnit.SECONDS)) {
            nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        run(Duration.ofSeconds(60), "umount", "-l", merged.toString());
        run(Duration.ofSeconds(60), "rm", "-rf", dir.toString());
    }

    private static boolean isContainerInit(ProcessHandle p) {
        try {
            // The container's PID 1: its last NSpid is 1 (the pid inside its own namespace).
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return f.length > 1 && f[f.length - 1].equals("1");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The cached root file system, made by debootstrap on first use (a few minutes, once per machine). */
    static synchronized Path rootfs() throws Exception {
        requireRoot();
        SystemTools.require("debootstrap", "debootstrap");
        SystemTools.require("nsenter", "util-linux");
        Path cache = Path.of(Optional.ofNullable(System.getenv("GRIDGATE_CACHE"))
                .orElse(System.getProperty("user.home") + "/.cache/gridgate"));
        Path fs = cache.resolve("rootfs-" + SUITE + "-" + Integer.toHexString(PACKAGES.hashCode()));
        if (Files.isRegularFile(fs.resolve("etc/os-release"))) {
            return fs;
        }
        Path partial = Files.createDirectories(cache).resolve(fs.getFileName() + ".partial");
        run(Duration.ofMinutes(2), "rm", "-rf", partial.toString());
        Result r = run(Duration.ofMinutes(20), "debootstrap", "--variant=minbase", "--include=" + PACKAGES, SUITE,
                partial.toString(), "http://deb.debian.org/debian");
        if (r.exit() != 0) {
            fail("debootstrap of " + SUITE + " failed:\n" + r.out().lines().skip(Math.max(0, r.out().lines().count() - 30))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        // A quiet machine: no broker running by itself, no timers doing apt work during a test.
        run(Duration.ofSeconds(30), "chroot", partial.toString(), "systemctl", "disable", "mosquitto", "apt-daily.timer",
                "apt-daily-upgrade.timer").ok();
        Files.move(partial, fs);
        return fs;
    }

    static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            String msg = "container tests need root (mount, systemd-nspawn)";
            if (SystemTools.toolsRequired()) {
                fail(msg + " and gridgate.requireTools is set");
            }
            Assumptions.abort(msg + "; skipped");
        }
    }

    record Result(String command, int exit, String out) {
        Result ok() {
            assertEquals(0, exit, () -> command + " failed (exit " + exit + "):\n" + out);
            return this;
        }
    }

    static Result run(Duration limit, String... argv) throws IOException, InterruptedException {
        Path out = Files.createTempFile("container", ".log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(String.join(" ", argv) + " did not finish within " + limit + ":\n" + Files.readString(out));
            }
            return new Result(String.join(" ", argv), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
