package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinHashTest {
    @Test
    void verifiesOnlyTheSamePin() {
        String h = PinHash.hash("482913".toCharArray(), 10_000, new SecureRandom());
        assertTrue(h.matches("pbkdf2-sha256\\$10000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}"), h);
        assertTrue(PinHash.verify(h, "482913".toCharArray()));
        assertFalse(PinHash.verify(h, "482914".toCharArray()));
        assertFalse(PinHash.verify(h, "".toCharArray()));
        assertNotEquals(h, PinHash.hash("482913".toCharArray(), 10_000, new SecureRandom()), "salted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "482913", "pbkdf2-sha1$10000$AAAA$AAAA", "pbkdf2-sha256$x$AAAA$AAAA",
        "pbkdf2-sha256$10000$!!!$AAAA", "pbkdf2-sha256$0$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha256$10000$AAAA"})
    void aMalformedStoredHashNeverMatches(String stored) {
        assertFalse(PinHash.verify(stored, "482913".toCharArray()));
    }

    @Test
    void cliPrintsAHashOfThePinOnStdin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PinHash.cli(new ByteArrayInputStream("135790\r\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("pbkdf2-sha256$" + PinHash.DEFAULT_ITERATIONS + "$"), line);
        assertTrue(PinHash.verify(line, "135790".toCharArray()));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "1234", "12345", "12ab", "1234 5678", "123456789012345678901234567890123"})
    void cliRefusesWhatIsNotAPin(String pin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PinHash.cli(new ByteArrayInputStream((pin + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(65, rc);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("6 to 32 digits"));
    }
}
