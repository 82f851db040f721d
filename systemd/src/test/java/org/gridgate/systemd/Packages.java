package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build left the two packages, and the version it gave them (the parent POM's gridgate.version). */
final class Packages {
    static final Path MODULE = Path.of(System.getProperty("gridgate.systemd.dir", ".")).toAbsolutePath().normalize();
    static final Path ROOT = MODULE.getParent();

    private Packages() {
    }

    static String version() {
        String v = System.getProperty("gridgate.version", "");
        assertFalse(v.isBlank() || v.contains("${"), "the build passed no gridgate.version: '" + v + "'");
        return v;
    }

    static Path daemon() {
        return deb("gridgate");
    }

    static Path tools() {
        return deb("gridgate-tools");
    }

    private static Path deb(String name) {
        Path p = Path.of(System.getProperty("gridgate.deb.dir", "target")).resolve(name + "_" + version() + "_all.deb");
        assertTrue(Files.isRegularFile(p), "package not built: " + p);
        return p;
    }
}
