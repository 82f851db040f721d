package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 99-gridgate.rules, read the way udev does: comma-separated {@code KEY{attr}OP"value"} pairs.
 * udevadm 252 has no "verify" and quietly accepts a missing comma, so the shape is checked here,
 * together with what must agree with the unit (the groups).
 */
class UdevRulesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final String PAIR = "([A-Z_]+)(?:\\{([^}]+)\\})?(==|!=|\\+=|-=|:=|=)\"([^\"]*)\"";
    private static final Pattern LINE = Pattern.compile("^" + PAIR + "(?:, " + PAIR + ")*$");
    private static final Pattern ONE = Pattern.compile(PAIR);
    private static final Set<String> MATCH_KEYS = Set.of("ACTION", "SUBSYSTEM", "SUBSYSTEMS", "KERNEL", "KERNELS",
            "ATTR", "ATTRS", "DRIVERS", "ENV");
    private static final Set<String> ASSIGN_KEYS = Set.of("SYMLINK", "GROUP", "MODE", "OWNER", "TAG", "ENV");

    private record Pair(String key, String attr, String op, String value) {}

    private static List<List<Pair>> rules() throws IOException {
        List<List<Pair>> rules = new ArrayList<>();
        List<String> lines = Files.readAllLines(MODULE.resolve("99-gridgate.rules"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertTrue(LINE.matcher(line).matches(), "line " + (i + 1) + " is not KEY==\"v\", KEY=\"v\", ...: " + line);
            List<Pair> rule = new ArrayList<>();
            Matcher m = ONE.matcher(line);
            while (m.find()) {
                rule.add(new Pair(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
            rules.add(rule);
        }
        return rules;
    }

    @Test
    void everyRuleIsScopedToASubsystemAndUsesKnownKeys() throws IOException {
        List<List<Pair>> rules = rules();
        assertEquals(7, rules.size(), "scanner, 2 thermometer adapters, kbd scanner, gpio, i2c, spi (the LCD)");
        for (List<Pair> rule : rules) {
            assertTrue(rule.stream().anyMatch(p -> p.key().equals("SUBSYSTEM") && p.op().equals("==")), rule.toString());
            for (Pair p : rule) {
                boolean match = p.op().equals("==") || p.op().equals("!=");
                assertTrue(match ? MATCH_KEYS.contains(p.key()) : ASSIGN_KEYS.contains(p.key()),
                        p.key() + p.op() + " is not a key udev knows in that role");
            }
            assertTrue(rule.stream().anyMatch(p -> !p.op().equals("==") && !p.op().equals("!=")),
                    "a rule without an assignment does nothing: " + rule);
        }
    }

    @Test
    void devicesGoToTheUnitsGroupsAndToNobodyElse() throws IOException {
        Matcher g = Pattern.compile("(?m)^SupplementaryGroups=(.*)$")
                .matcher(Files.readString(MODULE.resolve("gridgate.service")));
        assertTrue(g.find());
        Set<String> unitGroups = Set.of(g.group(1).trim().split("\\s+"));
        for (List<Pair> rule : rules()) {
            for (Pair p : rule) {
                switch (p.key()) {
                    case "GROUP" -> assertTrue(unitGroups.contains(p.value()), p.value() + " not in " + unitGroups);
                    case "MODE" -> assertEquals("0660", p.value(), "no world access to gate devices");
                    case "SYMLINK" -> {
                        assertEquals("+=", p.op(), "keep the kernel's and other rules' links");
                        assertTrue(p.value().startsWith("gridgate/"), p.value());
                    }
                    case "OWNER" -> fail("owner stays root: access is by group");
                    default -> { }
                }
            }
        }
    }
}
