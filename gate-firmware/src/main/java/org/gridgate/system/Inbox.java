package org.gridgate.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gridgate.command.RootKeys;
import org.gridgate.config.GateConfig;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.credential.trust.TrustLists;
import org.gridgate.uplink.StatusReporter;

/** What the gate keeps of the server's signed messages: root keys, {@code trust.db} and the lists in it. */
record Inbox(RootKeys rootKeys, TrustDb db, TrustLists lists, Clock clock) implements AutoCloseable {
    /** {@code trust.db} lives next to the journal. */
    static Inbox open(GateConfig config, Clock clock) throws IOException, StartupException {
        RootKeys keys;
        try {
            keys = RootKeys.of(config.credentials().rootKeys());
        } catch (IllegalArgumentException e) {
            throw new StartupException(ExitCodes.CONFIG, e.getMessage(), e);
        }
        TrustDb db = TrustDb.open(config.storage().journal().resolveSibling("trust.db"));
        try {
            return new Inbox(keys, db, TrustLists.open(db, clock), clock);
        } catch (IOException e) {
            db.close();
            throw e;
        }
    }

    StatusReporter.TrustAge trustAge() {
        return new StatusReporter.TrustAge() {
            @Override
            public Optional<Instant> lastTrustUpdate() {
                return lists.lastTrustUpdate();
            }

            @Override
            public boolean stale(Instant now) {
                return lists.stale(now);
            }
        };
    }

    @Override
    public void close() {
        db.close();
    }
}
