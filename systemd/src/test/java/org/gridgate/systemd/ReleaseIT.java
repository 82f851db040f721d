package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.GZIPInputStream;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One version everywhere: the build's gridgate.version is what `gate version` prints, what both jars'
 * manifests, both packages' control files and the changelog's newest entry carry, and it is never "dev".
 */
class ReleaseIT {
    @TempDir
    Path tmp;

    @Test
    void theVersionComesFromTheBuildAndLooksLikeARelease() {
        // 0.2.0 for a build from its release tag (-Dgridgate.version), else 0.2.0+<commits>.g<id>.
        assertTrue(Packages.version().matches("\\d+\\.\\d+\\.\\d+(\\+\\d+\\.g[0-9a-f]{7,})?"), Packages.version());
    }

    @Test
    void gateVersionPrintsTheBuildsVersion() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Command c = Command.ok(tmp, java, "-jar", Packages.ROOT.resolve("gate-firmware/target/gridgate-gate.jar").toString(), "version");
        assertEquals("gridgate-gate " + Packages.version(), c.out().strip());
    }

    @Test
    void bothJarsCarryTheVersionInTheirManifests() throws Exception {
        for (String jar : List.of("gate-firmware/target/gridgate-gate.jar", "sim/target/gridgate-sim.jar")) {
            try (JarFile j = new JarFile(Packages.ROOT.resolve(jar).toFile())) {
                assertEquals(Packages.version(), j.getManifest().getMainAttributes().getValue("Implementation-Version"), jar);
            }
        }
    }

    @Test
    void bothPackagesAndTheChangelogCarryTheVersion() throws Exception {
        String dpkgDeb = SystemTools.require("dpkg-deb", "dpkg");
        for (Path deb : List.of(Packages.daemon(), Packages.tools())) {
            assertEquals(Packages.version(), Command.ok(tmp, dpkgDeb, "--field", deb.toString(), "Version").out().strip(), deb.toString());
        }
        Path root = tmp.resolve("root");
        Command.ok(tmp, dpkgDeb, "--extract", Packages.daemon().toString(), root.toString());
        byte[] gz = Files.readAllBytes(root.resolve("usr/share/doc/gridgate/changelog.gz"));
        String changelog;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("gridgate (" + Packages.version() + ") unstable; urgency=medium", changelog.lines().findFirst().orElseThrow());
        // dpkg's own parser agrees (the format, the order of versions, the trailer lines).
        Path changelogFile = tmp.resolve("changelog");
        Files.writeString(changelogFile, changelog);
        String parsed = Command.ok(tmp, SystemTools.require("dpkg-parsechangelog", "dpkg-dev"), "-l", changelogFile.toString(),
                "--show-field", "Version").out().strip();
        assertEquals(Packages.version(), parsed);
        // gzip -9n: no file name, no time stamp (byte 3 = flags, bytes 4-7 = mtime), maximum compression (byte 8 = 2).
        assertEquals(0, gz[3], "no name stored");
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "no time stored");
        assertEquals(2, gz[8], "compressed with -9");
    }

    @Test
    void theToolsPackageShipsTheSimulatorItsCommandAndItsDocs() throws Exception {
        String dpkgDeb = SystemTools.require("dpkg-deb", "dpkg");
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : Command.ok(tmp, dpkgDeb, "--contents", Packages.tools().toString()).out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            assertEquals("root/root", f[1], line);
            if (f[0].startsWith("-")) {
                files.put(f[5].substring(1), f[0]);
            }
        }
        for (String doc : List.of("technician.md", "wiring.md", "performance.md", "copyright", "changelog.gz", "sbom.cdx.json")) {
            assertEquals("-rw-r--r--", files.get("/usr/share/doc/gridgate-tools/" + doc), doc + " in " + files.keySet());
        }
        assertEquals("-rwxr-xr-x", files.get("/usr/bin/gridgate-sim"));
        assertEquals("-rw-r--r--", files.get("/usr/share/gridgate-tools/gridgate-sim.jar"));
        assertEquals("-rw-r--r--", files.get("/usr/share/man/man1/gridgate-sim.1.gz"));
        Path root = tmp.resolve("tools");
        Command.ok(tmp, dpkgDeb, "--extract", Packages.tools().toString(), root.toString());
        String launcher = Files.readString(root.resolve("usr/bin/gridgate-sim"));
        assertTrue(launcher.contains("/usr/share/gridgate-tools/gridgate-sim.jar"), launcher);
        Command.ok(tmp, "sh", "-n", root.resolve("usr/bin/gridgate-sim").toString());
        Command.ok(tmp, "sh", "-n", Packages.MODULE.resolve("bin/gridgate").toString());
        String depends = Command.ok(tmp, dpkgDeb, "--field", Packages.tools().toString(), "Depends").out().strip();
        assertEquals("openjdk-21-jre-headless | java21-runtime-headless", depends);
    }
}
