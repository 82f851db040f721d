package org.gridgate.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RosterStoreTest {
    static final LocalDate FROM = LocalDate.parse("2026-01-01");
    static final LocalDate TO = LocalDate.parse("2026-12-31");
    static final java.time.Instant T = java.time.Instant.parse("2026-03-01T08:00:00Z");

    static Resident r(String subject, Resident.Status status) {
        return new Resident(subject, PersonKind.RESIDENT, "1-101", "1-101", status, FROM, TO);
    }

    @Test
    void fullThenDeltaThenRestartKeepsTheRoster(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roster.db");
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertEquals(-1, s.version());
            var full = RosterMessage.parseUpdate(RosterMessage.encode(7, T, List.of(r("A", Resident.Status.NORMAL),
                    r("B", Resident.Status.NORMAL))));
            assertTrue(s.apply(full).applied());
            var delta = RosterMessage.parseUpdate(RosterMessage.encodeDelta(7, 8, T,
                    List.of(r("B", Resident.Status.HOME_QUARANTINE), r("C", Resident.Status.NORMAL)), List.of("A")));
            SqliteRosterStore.Outcome o = s.apply(delta);
            assertTrue(o.applied(), o.reason());
            assertEquals(List.of(r("B", Resident.Status.HOME_QUARANTINE), r("C", Resident.Status.NORMAL)), o.entries());
        }
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertEquals(8, s.version());
            assertEquals(2, s.entries().size());
        }
    }

    @Test
    void aDeltaForAnotherVersionIsNotAppliedAndLosesNothing(@TempDir Path dir) throws Exception {
        try (SqliteRosterStore s = new SqliteRosterStore(dir.resolve("roster.db"))) {
            s.apply(RosterUpdate.full(3, T, List.of(r("A", Resident.Status.NORMAL))));
            SqliteRosterStore.Outcome o = s.apply(RosterMessage.parseUpdate(
                    RosterMessage.encodeDelta(5, 6, T, List.of(), List.of("A"))));
            assertFalse(o.applied());
            assertTrue(o.reason().contains("waiting for a full roster"), o.reason());
            assertEquals(1, s.entries().size());
            assertEquals(3, s.version());
        }
    }

    @Test
    void anOlderFullRosterDoesNotReplaceANewerOne(@TempDir Path dir) throws Exception {
        try (SqliteRosterStore s = new SqliteRosterStore(dir.resolve("roster.db"))) {
            s.apply(RosterUpdate.full(9, T, List.of(r("A", Resident.Status.NORMAL))));
            assertFalse(s.apply(RosterUpdate.full(4, T, List.of())).applied());
            assertEquals(1, s.entries().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "{\"v\":2,\"entries\":[]}", "{\"v\":1}", "{\"v\":1,\"entries\":[{}]}",
        "{\"v\":1,\"entries\":[{\"subject\":\"A\",\"kind\":\"alien\",\"status\":\"normal\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-02-01\"}]}",
        "{\"v\":1,\"entries\":[{\"subject\":\"A\",\"kind\":\"resident\",\"status\":\"normal\",\"validFrom\":\"2026-03-01\",\"validTo\":\"2026-02-01\"}]}",
        "{\"v\":1,\"type\":\"delta\",\"version\":3,\"entries\":[]}",
        "{\"v\":1,\"type\":\"sideways\",\"entries\":[]}"})
    void badMessagesAreRejectedWithAReason(String text) {
        RosterMessage.Invalid e = assertThrows(RosterMessage.Invalid.class,
                () -> RosterMessage.parseUpdate(text.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().isBlank());
    }

    static byte[] roster(String versionAndTime, String statusOfB) {
        return ("{\"v\":1," + versionAndTime + "\"entries\":[{\"subject\":\"B\",\"kind\":\"resident\","
                + "\"unit\":\"1-101\",\"household\":\"1-101\",\"status\":\"" + statusOfB + "\","
                + "\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Finding 3 of issue 20: a captured roster republished (retained) must not undo a ban. Before the fix
     * a missing version read as 0, an equal version was applied, and the old roster won.
     */
    @Test
    void aReplayedRosterDoesNotUndoABanEvenAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roster.db");
        byte[] old = roster("\"version\":4,\"issuedAt\":\"2026-03-01T08:00:00Z\",", "normal");
        byte[] ban = roster("\"version\":5,\"issuedAt\":\"2026-03-01T09:00:00Z\",", "barred");
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertTrue(s.apply(RosterMessage.parseUpdate(old)).applied());
            assertTrue(s.apply(RosterMessage.parseUpdate(ban)).applied());
            assertFalse(s.apply(RosterMessage.parseUpdate(old)).applied());
            // The same version again (a retained message re-delivered, or a forged twin) changes nothing.
            assertFalse(s.apply(RosterMessage.parseUpdate(
                    roster("\"version\":5,\"issuedAt\":\"2026-03-01T09:00:00Z\",", "normal"))).applied());
            assertEquals(Resident.Status.BARRED, s.entries().get(0).status());
        }
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertFalse(s.apply(RosterMessage.parseUpdate(old)).applied(), "the version survives a restart");
            assertEquals(Resident.Status.BARRED, s.entries().get(0).status());
            assertEquals(java.time.Instant.parse("2026-03-01T09:00:00Z"), s.issuedAt().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"issuedAt\":\"2026-03-01T08:00:00Z\",", "\"version\":0,\"issuedAt\":\"2026-03-01T08:00:00Z\",",
        "\"version\":\"7\",\"issuedAt\":\"2026-03-01T08:00:00Z\",", "\"version\":7,",
        "\"version\":7,\"issuedAt\":\"yesterday\","})
    void aRosterWithoutAVersionAndAnIssueTimeIsRefused(String versionAndTime) {
        RosterMessage.Invalid e = assertThrows(RosterMessage.Invalid.class,
                () -> RosterMessage.parseUpdate(roster(versionAndTime, "normal")));
        assertTrue(e.getMessage().contains("version") || e.getMessage().contains("issuedAt"), e.getMessage());
    }

    /** A roster.db as 0.1.0 wrote it (no schema version, no issue time) keeps its roster and its version. */
    @Test
    void aRosterFromBeforeIssueTimesKeepsItsVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roster.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement st = c.createStatement()) {
            // The schema 0.1.0 wrote (migration step 1).
            st.execute("CREATE TABLE resident (subject TEXT PRIMARY KEY, kind TEXT NOT NULL, unit TEXT NOT NULL,"
                    + " household TEXT NOT NULL, status TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL)");
            st.execute("CREATE TABLE roster_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
            st.execute("INSERT INTO roster_meta VALUES (1, -1)");
            st.execute("UPDATE roster_meta SET version = 12");
            st.execute("INSERT INTO resident VALUES ('B', 'RESIDENT', '1-101', '1-101', 'BARRED', '2026-01-01', '2026-12-31')");
        }
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertEquals(12, s.version());
            assertEquals(java.util.Optional.empty(), s.issuedAt());
            assertEquals(Resident.Status.BARRED, s.entries().get(0).status());
            assertFalse(s.apply(RosterMessage.parseUpdate(roster("\"version\":11,\"issuedAt\":\"2026-03-01T08:00:00Z\",",
                    "normal"))).applied());
            assertTrue(s.apply(RosterMessage.parseUpdate(roster("\"version\":13,\"issuedAt\":\"2026-03-01T08:00:00Z\",",
                    "normal"))).applied());
            assertEquals(T, s.issuedAt().orElseThrow());
        }
    }
}
