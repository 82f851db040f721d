package org.gridgate.fuzz.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.gridgate.command.RootKeys;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.credential.trust.InvalidDocument;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.credential.trust.TrustLists;
import org.gridgate.fuzz.FuzzFixtures;
import org.gridgate.roster.RosterMessage;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;

/**
 * The roster, trust and revocation channels as {@code system.InboundRouter} handles them: envelope
 * check against the root keys, then {@link RosterMessage#parseUpdate} and
 * {@link SqliteRosterStore#apply}, {@link TrustLists#applyTrust} or {@link TrustLists#applyRevocations}.
 * Only the declared rejections are caught; anything else escapes to the fuzzer. (The router then
 * hands an applied roster to the gate loop; that step takes no input of its own and is left out.)
 * Every delivery starts from empty stores, so a finding replays alone: stores that took a document
 * are replaced before the next one.
 */
final class Inbound {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
    private static final RootKeys KEYS = FuzzFixtures.rootKeys();
    private static final Path DIR = FuzzFixtures.scratch("gridgate-fuzz-inbound");
    private static int generation;
    private static SqliteRosterStore rosters;
    private static TrustDb db;
    private static TrustLists trust;

    private Inbound() {}

    /** Delivers one message on {@code channel}; returns the outcome as the router would log it. */
    static synchronized String deliver(String channel, byte[] message) throws IOException, SQLException {
        if (rosters == null) {
            fresh();
        }
        SignedEnvelope.Verified v;
        try {
            v = SignedEnvelope.verify(message, KEYS);
        } catch (SignedEnvelope.Rejected e) {
            return reason("rejected " + e.code(), e.getMessage());
        }
        try {
            return switch (channel) {
                case "roster" -> roster(v.payload());
                case "trust" -> stored(trust.applyTrust(v.payload()), trust.trustVersion() > 0);
                case "revocations" -> stored(trust.applyRevocations(v.payload()), trust.revocationVersion() > 0);
                default -> throw new IllegalArgumentException(channel);
            };
        } catch (RosterMessage.Invalid | InvalidDocument e) {
            return reason("invalid", e.getMessage());
        }
    }

    private static String roster(byte[] payload) throws RosterMessage.Invalid, SQLException, IOException {
        RosterUpdate update = RosterMessage.parseUpdate(payload);
        SqliteRosterStore.Outcome o = rosters.apply(update);
        String out = reason(o.applied() ? "applied" : "not applied", o.reason());
        if (o.applied()) {
            fresh();
        }
        return out;
    }

    private static String stored(String outcome, boolean changed) throws IOException, SQLException {
        if (changed) {
            fresh();
        }
        return reason("applied", outcome);
    }

    private static String reason(String what, String detail) {
        assertTrue(FuzzFixtures.readable(detail), what + " without a reason");
        return what + ": " + detail;
    }

    private static void fresh() throws IOException, SQLException {
        if (rosters != null) {
            rosters.close();
            db.close();
        }
        generation++;
        rosters = new SqliteRosterStore(DIR.resolve("roster-" + generation + ".db"));
        db = TrustDb.open(DIR.resolve("trust-" + generation + ".db"));
        trust = TrustLists.open(db, CLOCK);
    }
}
