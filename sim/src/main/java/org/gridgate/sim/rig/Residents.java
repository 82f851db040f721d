package org.gridgate.sim.rig;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;

/**
 * A synthetic roster put where the gate keeps the one it last received ({@code roster.db} beside
 * the journal), so the gate starts with it as it does after a restart in production.
 */
public final class Residents {
    private Residents() {}

    public static String subject(int i) {
        return String.format("R-%06d", i);
    }

    /** {@code count} residents, four to a household, valid a year either side of {@code today}. */
    public static void seed(Path rosterDb, int count, LocalDate today) throws SQLException {
        List<Resident> roster = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String household = "H-" + (i / 4);
            roster.add(new Resident(subject(i), PersonKind.RESIDENT, household, household, Resident.Status.NORMAL,
                    today.minusYears(1), today.plusYears(1)));
        }
        try (SqliteRosterStore store = new SqliteRosterStore(rosterDb)) {
            if (store.version() < 0) {
                store.apply(RosterUpdate.seed(roster));
            }
        }
    }
}
