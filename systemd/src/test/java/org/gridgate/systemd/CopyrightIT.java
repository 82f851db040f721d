package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every library a package bundles is named, with its licence, in that package's machine-readable
 * copyright file: the jar's CycloneDX SBOM is the list of what is bundled, so a new dependency
 * without a copyright line fails the build instead of shipping unlicensed.
 */
class CopyrightIT {
    /** " - group:artifact, artifact2: licence" lines of the Comment field. */
    private static final Pattern BUNDLED = Pattern.compile("(?m)^ - ([^:\\s]+):(.+?): (.+)$");

    @Test
    void everyArtifactTheDaemonJarBundlesIsListed() throws Exception {
        assertListed("gate-firmware/target/sbom.cdx.json", "systemd/src/deb/copyright");
    }

    @Test
    void everyArtifactTheSimulatorJarBundlesIsListed() throws Exception {
        assertListed("sim/target/sbom.cdx.json", "systemd/src/deb-tools/copyright");
    }

    @Test
    void everyLicenceNamedHasItsOwnParagraphWithText() throws Exception {
        for (String file : List.of("systemd/src/deb/copyright", "systemd/src/deb-tools/copyright")) {
            String text = Files.readString(Packages.ROOT.resolve(file));
            assertTrue(text.startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"), file);
            Set<String> standalone = new TreeSet<>();
            Matcher m = Pattern.compile("(?m)^License: (.+)\\n ").matcher(text);
            while (m.find()) {
                standalone.add(m.group(1).strip());
            }
            Matcher used = Pattern.compile("(?m)^Files: .*\\n(?:(?!License:).*\\n)*License: (.+)$").matcher(text);
            int stanzas = 0;
            while (used.find()) {
                stanzas++;
                for (String name : used.group(1).split(" and | or ")) {
                    assertTrue(standalone.contains(name.strip()), file + ": no License paragraph for '" + name + "' in " + standalone);
                }
            }
            assertTrue(stanzas >= 2, file + ": expected the project's and the jar's Files stanzas");
        }
    }

    private static void assertListed(String sbom, String copyright) throws Exception {
        JsonNode bom = new ObjectMapper().readTree(Packages.ROOT.resolve(sbom).toFile());
        Set<String> bundled = new TreeSet<>();
        for (JsonNode c : bom.path("components")) {
            bundled.add(c.path("group").asText() + ":" + c.path("name").asText());
        }
        assertTrue(bundled.size() > 10, "SBOM lists too little: " + bundled);
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = BUNDLED.matcher(Files.readString(Packages.ROOT.resolve(copyright)));
        while (m.find()) {
            for (String artifact : m.group(2).split(",")) {
                listed.add(m.group(1) + ":" + artifact.strip());
            }
        }
        List<String> missing = new ArrayList<>(bundled);
        missing.removeAll(listed);
        assertEquals(List.of(), missing, copyright + " does not name these bundled artifacts (add a ' - group:artifact: licence' line)");
    }
}
