package org.gridgate.sim.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.gridgate.credential.qr.QrCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void printsThePassTextAndWritesTheSameTextAsAQrCodeWithAKeyCreatedOnceAndReused(@TempDir Path dir)
            throws Exception {
        Path key = dir.resolve("community-key.pem");
        Path png = dir.resolve("pass.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PassCommand.run(List.of("--subject", "R-0001", "--colour", "yellow", "--kind", "visitor", "--valid",
                "2h", "--key", key.toString(), "--out", png.toString()), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(text.startsWith("GG1:"), text);
        assertEquals(Optional.of(text), QrCodes.decodePng(Files.readAllBytes(png)));
        CommunityKey first = CommunityKey.load(key);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(first.kidBase64()), "prints the new trust anchor");

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(0, PassCommand.run(List.of("--subject", "R-0002", "--key", key.toString()), CLOCK,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true, StandardCharsets.UTF_8)));
        assertEquals(first.anchor(), CommunityKey.load(key).anchor(), "the key file is reused, not replaced");
        assertEquals("", err2.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        for (List<String> args : List.of(List.of("--colour", "green"), List.of("--subject", "R", "--colour", "blue"),
                List.of("--subject", "R", "--valid", "ten"), List.of("--subject", "R", "--frobnicate", "x"), List.of("--subject", "R", "--size", "big"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(64, PassCommand.run(args, CLOCK, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8)), args.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gridgate-sim pass: "), err.toString());
        }
    }
}
