package org.gridgate.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityProtectorTest {
    @TempDir
    Path dir;

    @Test
    void hashIsHmacSha256OfTheKnownVector() {
        // Expected value from: printf 'what do ya want for nothing?' |
        //   openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '0b%.0s' $(seq 32))
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x0b);
        IdentityProtector p = new IdentityProtector(key);
        assertEquals("c3f2649c34ea24e4d62a2c7e868bbea0233c9d4c2cc300794db76aa18d6822d8", p.hash("what do ya want for nothing?"));
    }

    @Test
    void keyFileIsCreatedOnceWithOwnerOnlyPermissionsAndReused() throws IOException {
        Path keyFile = dir.resolve("sub/identity.key");
        IdentityProtector first = IdentityProtector.open(keyFile);
        assertEquals(32, Files.size(keyFile));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(keyFile));
        IdentityProtector again = IdentityProtector.open(keyFile);
        assertEquals(first.hash("110101199003071234"), again.hash("110101199003071234"));
        try (var files = Files.list(keyFile.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void differentKeysGiveDifferentHashesAndHashHidesTheIdentity() throws IOException {
        IdentityProtector a = IdentityProtector.open(dir.resolve("a.key"));
        IdentityProtector b = IdentityProtector.open(dir.resolve("b.key"));
        String h = a.hash("110101199003071234");
        assertNotEquals(h, b.hash("110101199003071234"));
        assertNotEquals(h, a.hash("110101199003071235"));
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertFalse(h.contains("1234"));
    }

    @Test
    void keyFileOfWrongLengthIsRefused() throws IOException {
        Path keyFile = dir.resolve("short.key");
        Files.write(keyFile, new byte[16]);
        IOException e = assertThrows(IOException.class, () -> IdentityProtector.open(keyFile));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void maskKeepsTwoAtEachEndOfLongIdentities() {
        assertEquals("11**************34", IdentityProtector.mask("110101199003071234"));
        assertEquals("E1****78", IdentityProtector.mask("E1234578"));
    }

    @Test
    void maskKeepsTheKindPrefixAndEnoughOfACommunityNumberToTellPeopleApart() {
        assertEquals("R-0*01", IdentityProtector.mask("R-0001"));
        assertEquals("V-0*01", IdentityProtector.mask("V-0001"));
        assertEquals("R-9*01", IdentityProtector.mask("R-9001"));
        assertEquals("R-0***17", IdentityProtector.mask("R-000017"));
        assertEquals("R-*17", IdentityProtector.mask("R-017"));
        assertEquals("E12****78", IdentityProtector.mask("E12345678"));
        assertEquals("1****67", IdentityProtector.mask("1234567"));
        java.util.Set<String> masked = new java.util.HashSet<>();
        for (String id : java.util.List.of("R-0001", "R-0002", "R-0003", "V-0001", "R-9001", "R-1001")) {
            assertTrue(masked.add(IdentityProtector.mask(id)), id);
        }
    }

    @Test
    void maskShowsOnlyTheLastCharacterOfNamesAndOtherShortStrings() {
        assertEquals("*b", IdentityProtector.mask("ab"));
        assertEquals("*", IdentityProtector.mask("a"));
        assertEquals("", IdentityProtector.mask(""));
        assertEquals("**明", IdentityProtector.mask("王小明"));
    }

    @Test
    void protectGivesBoth() throws IOException {
        IdentityProtector p = IdentityProtector.open(dir.resolve("k"));
        var prot = p.protect("110101199003071234");
        assertEquals(p.hash("110101199003071234"), prot.hash());
        assertEquals("11**************34", prot.masked());
    }
}
