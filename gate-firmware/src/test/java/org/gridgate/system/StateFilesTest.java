package org.gridgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.StorageConfig;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {
    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewStateFolderAndItsDatabasesAreTheGatesAlone() throws Exception {
        Path dir = tmp.resolve("state");
        StorageConfig storage = storage(dir);
        StateFiles.secure(storage);
        assertEquals("rwx------", mode(dir));
        for (String f : new String[] {"journal.db", "roster.db", "trust.db", "history.db"}) {
            assertEquals("rw-------", mode(dir.resolve(f)), f);
        }
        // SQLite gives its -wal and -shm files the database's own mode.
        try (SqliteJournal j = new SqliteJournal(dir.resolve("journal.db"),
                new GateIdentity("g", "c", ZoneId.of("UTC")), new SqliteJournal.Limits(Duration.ofDays(1), 1L << 30),
                Clock.systemUTC())) {
            j.append(RecordKind.EVENT, Clock.systemUTC().instant(), Map.of("event", "x"));
            assertEquals("rw-------", mode(dir.resolve("journal.db-wal")));
        }
    }

    @Test
    void filesLeftWideByAnEarlierRunAreTightened() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String f : new String[] {"journal.db", "journal.db-wal", "roster.db", "identity.key"}) {
            Files.writeString(dir.resolve(f), "");
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        StateFiles.secure(storage(dir));
        assertEquals("rwx------", mode(dir));
        for (String f : new String[] {"journal.db", "journal.db-wal", "roster.db", "identity.key"}) {
            assertEquals("rw-------", mode(dir.resolve(f)), f);
        }
    }

    private static StorageConfig storage(Path dir) {
        return new StorageConfig(dir.resolve("journal.db"), dir.resolve("identity.key"), 30, 1024);
    }
}
