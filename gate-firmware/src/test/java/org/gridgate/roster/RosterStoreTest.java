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

    static Resident r(String subject, Resident.Status status) {
        return new Resident(subject, PersonKind.RESIDENT, "1-101", "1-101", status, FROM, TO);
    }

    @Test
    void fullThenDeltaThenRestartKeepsTheRoster(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roster.db");
        try (SqliteRosterStore s = new SqliteRosterStore(file)) {
            assertEquals(-1, s.version());
            var full = RosterMessage.parseUpdate(RosterMessage.encode(7, List.of(r("A", Resident.Status.NORMAL),
                    r("B", Resident.Status.NORMAL))));
            assertTrue(s.apply(full).applied());
            var delta = RosterMessage.parseUpdate(RosterMessage.encodeDelta(7, 8,
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
            s.apply(RosterUpdate.full(3, List.of(r("A", Resident.Status.NORMAL))));
            SqliteRosterStore.Outcome o = s.apply(RosterMessage.parseUpdate(
                    RosterMessage.encodeDelta(5, 6, List.of(), List.of("A"))));
            assertFalse(o.applied());
            assertTrue(o.reason().contains("waiting for a full roster"), o.reason());
            assertEquals(1, s.entries().size());
            assertEquals(3, s.version());
        }
    }

    @Test
    void anOlderFullRosterDoesNotReplaceANewerOne(@TempDir Path dir) throws Exception {
        try (SqliteRosterStore s = new SqliteRosterStore(dir.resolve("roster.db"))) {
            s.apply(RosterUpdate.full(9, List.of(r("A", Resident.Status.NORMAL))));
            assertFalse(s.apply(RosterUpdate.full(4, List.of())).applied());
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
}
