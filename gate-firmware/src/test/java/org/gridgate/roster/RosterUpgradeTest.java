package org.gridgate.roster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.storage.NewerSchemaException;
import org.gridgate.storage.ReleasedDatabases;
import org.gridgate.storage.sqlite.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster 0.1.0 wrote opens with this build, versioned, with every resident and its roster version kept. */
class RosterUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aRosterWrittenBy010KeepsEveryResidentAndItsVersion() throws Exception {
        Path file = ReleasedDatabases.copy("0.1.0", "roster.db", dir);
        long residents;
        long version;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            assertEquals(0, Migrations.userVersion(c), "0.1.0 wrote no schema version");
            try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM resident), (SELECT version FROM roster_meta)")) {
                r.next();
                residents = r.getLong(1);
                version = r.getLong(2);
            }
        }
        assertTrue(residents > 0, "the fixture holds residents");
        try (SqliteRosterStore store = new SqliteRosterStore(file)) {
            assertEquals(residents, store.entries().size());
            assertEquals(version, store.version());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertTrue(Migrations.userVersion(c) >= 1, "versioned from now on");
        }
    }

    @Test
    void aRosterFromANewerVersionIsRefusedUntouched() throws Exception {
        Path file = ReleasedDatabases.copy("0.1.0", "roster.db", dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 999");
        }
        byte[] before = Files.readAllBytes(file);
        NewerSchemaException e = assertThrows(NewerSchemaException.class, () -> new SqliteRosterStore(file).close());
        assertTrue(e.getMessage().startsWith("roster " + file + " has schema version 999"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
