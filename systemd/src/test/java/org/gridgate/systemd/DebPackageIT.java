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
    /** The build's version (parent POM's gridgate.version): the package carries it unchanged. */
    private static final String DEB_VERSION = Packages.version();

    private static final Map<String, String> PAYLOAD = Map.ofEntries(
            Map.entry("/usr/share/gridgate/gridgate-gate.jar", "gate-firmware/target/gridgate-gate.jar"),
            Map.entry("/usr/bin/gridgate", "systemd/bin/gridgate"),
            Map.entry("/usr/lib/systemd/system/gridgate.service", "systemd/gridgate.service"),
            Map.entry("/usr/lib/udev/rules.d/99-gridgate.rules", "systemd/99-gridgate.rules"),
            Map.entry("/etc/gridgate/gridgate.yaml", "device-config/examples/pi-kit.yaml"),
            Map.entry("/usr/share/man/man1/gridgate.1.gz", "systemd/target/deb/gridgate.1.gz"),
            Map.entry("/usr/share/doc/gridgate/copyright", "systemd/src/deb/copyright"),
            Map.entry("/usr/share/doc/gridgate/changelog.gz", "systemd/target/deb/changelog.gz"),
            Map.entry("/usr/share/doc/gridgate/sbom.cdx.json", "gate-firmware/target/sbom.cdx.json"),
            Map.entry("/usr/share/doc/gridgate/install.md", "docs/install.md"),
            Map.entry("/usr/share/doc/gridgate/console.md", "docs/console.md"),
            Map.entry("/usr/share/doc/gridgate/rules.md", "docs/rules.md"),
            Map.entry("/usr/share/doc/gridgate/mqtt.md", "docs/mqtt.md"),
            Map.entry("/usr/share/doc/gridgate/health-pass.md", "docs/health-pass.md"));
    private static final Set<String> EXECUTABLE = Set.of("/usr/bin/gridgate");

    @TempDir
    Path tmp;

    private String dpkgDeb;
    private Path deb;

    @BeforeEach
    void findPackage() {
        dpkgDeb = SystemTools.require("dpkg-deb", "dpkg");
        deb = Packages.daemon();
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
        // An essential package (init-system-helpers) is named with the version whose
        // deb-systemd-helper the scripts rely on (lintian: depends-on-essential-package-without-using-version).
        assertEquals(List.of("openjdk-21-jre-headless | java21-runtime-headless", "adduser",
                "init-system-helpers (>= 1.54~)"), depends);
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
        files.forEach((path, mode) -> assertEquals(EXECUTABLE.contains(path) ? "-rwxr-xr-x" : "-rw-r--r--", mode, path));
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
