package org.gridgate.config.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.ConfigProblem;
import org.gridgate.config.GateConfig;

/**
 * Config text in, a {@link GateConfig} or a {@link ConfigException} out: anything else thrown (a
 * library's runtime exception, a stack overflow) is a crash the technician would see as a stack
 * trace instead of {@code FILE:LINE: field: message}. The bytes are read as UTF-8, as
 * {@link ConfigLoader#load} reads a file. Seeds: the shipped examples.
 */
class ConfigLoaderFuzzTest {
    private static final Path BASE = Path.of("/etc/gridgate");

    @FuzzTest(maxDuration = "30s")
    void configTextIsParsedOrRejectedWithAReason(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            GateConfig config = ConfigLoader.parse("fuzz.yaml", BASE, text);
            assertNotNull(config.gate());
            assertNotNull(config.gpio());
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty(), "a rejection names at least one problem");
            for (ConfigProblem p : e.problems()) {
                assertFalse(p.message() == null || p.message().isBlank(), "every problem has a message: " + p);
                // The form tools parse: FILE:LINE: path: message, with a real line number.
                assertFalse(p.line() < 1, "line numbers start at 1: " + p);
            }
        }
    }
}
