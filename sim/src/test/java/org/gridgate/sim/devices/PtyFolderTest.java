package org.gridgate.sim.devices;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two `sim devices` runs on one machine never share their pseudo-terminal links. */
class PtyFolderTest {
    @Test
    void eachRunGetsAFolderOfItsOwn() throws IOException {
        Path a = DevicesCommand.ptyFolder(Optional.empty());
        Path b = DevicesCommand.ptyFolder(Optional.empty());
        try {
            assertNotEquals(a, b);
            assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
        } finally {
            Files.delete(a);
            Files.delete(b);
        }
    }

    @Test
    void aFolderInUseByAnotherRunIsRefusedAndStaleLinksAreCleared(@TempDir Path dir) throws IOException {
        Path target = Files.createFile(dir.resolve("pts-live"));
        Files.createSymbolicLink(dir.resolve("gate-thermo-1"), target);
        IOException e = assertThrows(IOException.class, () -> DevicesCommand.ptyFolder(Optional.of(dir.toString())));
        assertTrue(e.getMessage().contains("in use by another `sim devices`"), e.getMessage());

        Files.delete(target); // that run was killed: its links dangle
        Files.createSymbolicLink(dir.resolve("dev-thermo-1"), dir.resolve("pts-gone"));
        DevicesCommand.ptyFolder(Optional.of(dir.toString()));
        assertFalse(Files.exists(dir.resolve("gate-thermo-1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("dev-thermo-1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
