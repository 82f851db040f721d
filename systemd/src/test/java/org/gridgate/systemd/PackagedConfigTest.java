package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;
import org.junit.jupiter.api.Test;

/** The config the package installs as /etc/gridgate/gridgate.yaml must load and fit the unit's sandbox. */
class PackagedConfigTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CONFIG = MODULE.resolveSibling("device-config").resolve("examples/pi-kit.yaml");

    @Test
    void shippedConfigLoadsAndWritesOnlyWhereTheUnitAllows() throws Exception {
        GateConfig config = ConfigLoader.load(CONFIG); // throws with file:line:field on any problem
        Matcher rw = Pattern.compile("(?m)^ReadWritePaths=(.*)$").matcher(Files.readString(MODULE.resolve("gridgate.service")));
        assertTrue(rw.find());
        Path writable = Path.of(rw.group(1).trim());
        // ProtectSystem=strict: anything outside ReadWritePaths is read-only, the journal would fail to open.
        assertTrue(config.storage().journal().startsWith(writable), config.storage().journal() + " outside " + writable);
        assertTrue(config.storage().identityKeyFile().startsWith(writable),
                config.storage().identityKeyFile() + " outside " + writable);
    }
}
