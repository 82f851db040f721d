package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built .deb, inspected with the real dpkg-deb after {@code package}: control fields,
 * conffiles, maintainer scripts, file list and payload.
 */
class DebPackageIT {
    private static final Path MODULE = Path.of(System.getProperty("gridgate.systemd.dir", "."));
    private static final Path ROOT = MODULE.getParent();
    private static final String MAVEN_VERSION = System.getProperty("gridgate.version", "0.1.0-SNAPSHOT");
    /** 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT: '~' sorts before the release in dpkg's order. */
    private static final String DEB_VERSION = MAVEN_VERSION.replace('-', '~');

    private static final Map<String, String> PAYLOAD = Map.of(
            "/usr/share/gridgate/gridgate-gate.jar", "gate-firmware/target/gridgate-gate.jar",
            "/usr/lib/systemd/system/gridgate.service", "systemd/gridgate.service",
            "/usr/lib/systemd/system/gridgate-kiosk.service", "systemd/gridgate-kiosk.service",
            "/usr/share/doc/gridgate/resident.md", "docs/resident.md",
            "/usr/lib/udev/rules.d/99-gridgate.rules", "systemd/99-gridgate.rules",
            "/etc/gridgate/gridgate.yaml", "device-config/examples/pi-kit.yaml",
            "/usr/share/doc/gridgate/copyright", "systemd/src/deb/copyright",
            "/usr/share/doc/gridgate/install.md", "docs/install.md");

    @TempDir
    Path tmp;

    private String dpkgDeb;
    private Path deb;

    @BeforeEach
    void findPackage() {
        dpkgDeb = SystemTools.require("dpkg-deb", "dpkg");
        deb = Path.of(System.getProperty("gridgate.deb.dir", "target")).resolve("gridgate_" + DEB_VERSION + "_all.deb");
        assertTrue(Files.isRegularFile(deb), "package not built: " + deb);
    }

    @Test
    void controlFieldsDescribeAnArchitectureIndependentJava21Package() throws Exception {
        String info = Command.ok(tmp, dpkgDeb, "--info", deb.toString()).out();
        Map<String, String> fields = fields(Command.ok(tmp, dpkgDeb, "--field", deb.toString()).out());
        assertEquals("gridgate", fields.get("Package"));
        assertEquals(DEB_VERSION, fields.get("Version"));
        assertEquals("all", fields.get("Architecture"));
        assertNotNull(fields.get("Maintainer"));
        assertTrue(fields.get("Description").startsWith("checkpoint gate controller"), fields.get("Description"));
        List<String> depends = Arrays.stream(fields.get("Depends").split(",")).map(String::trim).toList();
        // A real package first, then any JRE that provides Java 21 (openjdk-25 does too).
        assertEquals(List.of("openjdk-21-jre-headless | java21-runtime-headless", "adduser", "init-system-helpers"),
                depends);
        assertTrue(Long.parseLong(fields.get("Installed-Size")) > 1000, "Installed-Size: " + fields.get("Installed-Size"));
        for (String member : List.of("conffiles", "postinst", "prerm", "postrm", "md5sums")) {
            assertTrue(info.contains(" " + member), member + " missing from:\n" + info);
        }
    }

    @Test
    void onlyTheConfigIsAConffile() throws Exception {
        Path control = tmp.resolve("DEBIAN");
        Command.ok(tmp, dpkgDeb, "--control", deb.toString(), control.toString());
        assertEquals(List.of("/etc/gridgate/gridgate.yaml"), Files.readAllLines(control.resolve("conffiles")));
    }

    @Test
    void maintainerScriptsAreExecutableValidShell() throws Exception {
        Path control = tmp.resolve("DEBIAN");
        Command.ok(tmp, dpkgDeb, "--control", deb.toString(), control.toString());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = control.resolve(script);
            assertTrue(Files.isExecutable(p), script + " is not executable");
            List<String> lines = Files.readAllLines(p);
            assertEquals("#!/bin/sh", lines.get(0), script);
            assertTrue(lines.contains("set -e"), script + " must stop at the first failure");
            Command.ok(tmp, "sh", "-n", p.toString());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("adduser --quiet --system --group"), "postinst creates the system user");
        String postrm = Files.readString(control.resolve("postrm"));
        int purge = postrm.indexOf("    purge)");
        assertTrue(purge > 0, "postrm handles purge");
        assertTrue(postrm.substring(purge, postrm.indexOf(";;", purge)).contains("rm -rf /var/lib/gridgate /etc/gridgate"),
                "postrm deletes state and config on purge");
        assertFalse(postrm.substring(0, purge).contains("rm -rf"),
                "a plain remove keeps the journal and config");
    }

    @Test
    void postinstCreatesEveryGroupTheUnitNeeds() throws Exception {
        // systemd refuses to start a unit whose SupplementaryGroups= names a missing group (216/GROUP).
        String unit = Files.readString(MODULE.resolve("gridgate.service"));
        Matcher u = Pattern.compile("(?m)^SupplementaryGroups=(.*)$").matcher(unit);
        assertTrue(u.find(), "unit has SupplementaryGroups=");
        Path control = tmp.resolve("DEBIAN");
        Command.ok(tmp, dpkgDeb, "--control", deb.toString(), control.toString());
        Matcher p = Pattern.compile("(?m)^HW_GROUPS=\"(.*)\"$").matcher(Files.readString(control.resolve("postinst")));
        assertTrue(p.find(), "postinst has HW_GROUPS");
        assertEquals(Set.of(u.group(1).trim().split("\\s+")), Set.of(p.group(1).trim().split("\\s+")));
    }

    @Test
    void installsExactlyTheExpectedFilesOwnedByRoot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (String line : Command.ok(tmp, dpkgDeb, "--contents", deb.toString()).out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            // drwxr-xr-x root/root 0 2026-01-01 00:00 ./usr/
            assertEquals("root/root", f[1], line);
            String path = f[5].substring(1);
            if (f[0].startsWith("-")) {
                files.put(path, f[0]);
            } else {
                assertTrue(f[0].equals("drwxr-xr-x"), line);
                assertFalse(path.startsWith("/var") || path.startsWith("/tmp") || path.startsWith("/home"), line);
            }
        }
        assertEquals(new TreeMap<>(PAYLOAD).keySet(), files.keySet());
        files.forEach((path, mode) -> assertEquals("-rw-r--r--", mode, path));
    }

    @Test
    void payloadIsWhatTheRepositoryHolds() throws Exception {
        Path root = tmp.resolve("root");
        Command.ok(tmp, dpkgDeb, "--extract", deb.toString(), root.toString());
        for (Map.Entry<String, String> e : new LinkedHashMap<>(PAYLOAD).entrySet()) {
            assertArrayEquals(Files.readAllBytes(ROOT.resolve(e.getValue())),
                    Files.readAllBytes(root.resolve(e.getKey().substring(1))), e.getKey());
        }
        try (JarFile jar = new JarFile(root.resolve("usr/share/gridgate/gridgate-gate.jar").toFile())) {
            assertEquals("org.gridgate.system.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(jar.getEntry("org/gridgate/system/notify/SystemdNotifier.class"));
            // Raspberry Pi OS comes as arm64 and armhf: JNA must carry both native stubs.
            assertNotNull(jar.getEntry("com/sun/jna/linux-aarch64/libjnidispatch.so"));
            assertNotNull(jar.getEntry("com/sun/jna/linux-arm/libjnidispatch.so"));
        }
    }

    private static Map<String, String> fields(String control) {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        for (String line : control.split("\n")) {
            if (line.startsWith(" ") && key != null) {
                fields.merge(key, "\n" + line.trim(), String::concat);
            } else if (line.contains(":")) {
                key = line.substring(0, line.indexOf(':'));
                fields.put(key, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return fields;
    }
}
