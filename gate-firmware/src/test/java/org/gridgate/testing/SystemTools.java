package org.gridgate.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds system tools (socat, mosquitto, chromium) for tests. Where a tool is missing the test is
 * skipped with a clear message, unless {@code -Dgridgate.requireTools=true} (CI sets it): then it fails.
 */
public final class SystemTools {
    private SystemTools() {}

    public static boolean toolsRequired() {
        return Boolean.getBoolean("gridgate.requireTools") || "true".equals(System.getenv("GRIDGATE_REQUIRE_TOOLS"));
    }

    /** Absolute path of {@code name} on PATH (or in /usr/sbin, where Debian puts mosquitto). */
    public static Optional<String> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code file} when it is executable; skips the test (or fails it when tools are required) with
     * {@code howToGet} otherwise. For tools built rather than installed (LazyFS).
     */
    public static java.nio.file.Path requireExecutable(java.nio.file.Path file, String howToGet) {
        if (!java.nio.file.Files.isExecutable(file)) {
            missing(file + " is not there (" + howToGet + "): test needs it");
        }
        return file;
    }

    /** Skips the test (or fails it when tools are required) unless it runs as root (mount, loop devices). */
    public static void requireRoot(String why) {
        if (!"root".equals(System.getProperty("user.name"))) {
            missing("not running as root (" + why + ")");
        }
    }

    private static void missing(String msg) {
        if (toolsRequired()) {
            fail(msg + " and gridgate.requireTools is set");
        }
        Assumptions.abort(msg + "; skipped");
    }

    /** The tool's path; skips the test (or fails it when tools are required) if it is not installed. */
    public static String require(String name, String debianPackage) {
        Optional<String> found = find(name);
        if (found.isEmpty()) {
            String msg = name + " is not installed (apt-get install " + debianPackage + "): test needs it";
            if (toolsRequired()) {
                fail(msg + " and gridgate.requireTools is set");
            }
            Assumptions.abort(msg + "; skipped");
        }
        return found.get();
    }
}
