package org.gridgate.sim.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.GateConfig;
import org.gridgate.credential.trust.TrustDb;
import org.gridgate.roster.Resident;
import org.gridgate.roster.sqlite.SqliteRosterStore;

/**
 * What a power cut left on the card, read as the next start would find it, before that start:
 * every SQLite file passes {@code integrity_check}; every decision acted on is in the journal under
 * its seq and id; the roster and the trust list are each one whole version, no older than the last
 * the gate confirmed storing; the identity key is the one it had from the start.
 */
final class StateAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateConfig config;
    private final int residents;
    private final List<String> problems = new ArrayList<>();
    private long expectRoster = -1;
    private long expectTrustMs = -1;
    private byte[] identityKey;
    private long lost;
    private long tornFiles;
    private long rosterVersion = -1;
    private long trustVersion = -1;

    /** @param config the gate's config with the card's folder as its state folder */
    StateAudit(GateConfig config, int residents) {
        this.config = config;
        this.residents = residents;
    }

    Path journal() {
        return config.storage().journal();
    }

    /** The child said it stored a roster of this many entries (-1: said nothing). */
    void expectRoster(long entries) {
        if (entries > residents) {
            expectRoster = Math.max(expectRoster, entries - residents);
        }
    }

    /** The child said it stored the trust list issued at this instant (-1: said nothing). */
    void expectTrust(long issuedMs) {
        expectTrustMs = Math.max(expectTrustMs, issuedMs);
    }

    void check(String when, Map<Long, String> acted) throws IOException, SQLException {
        Path journal = journal();
        Path dir = journal.getParent();
        for (String db : List.of(journal.getFileName().toString(), "history.db", "roster.db", "trust.db")) {
            Path f = dir.resolve(db);
            if (Files.exists(f)) {
                String integrity = JournalFile.integrity(f);
                if (!integrity.equals("ok")) {
                    torn(when, db + " integrity_check: " + integrity);
                }
            }
        }
        Map<Long, String> records = JournalFile.records(journal);
        for (Map.Entry<Long, String> a : acted.entrySet()) {
            if (!a.getValue().equals(records.get(a.getKey()))) {
                lost++;
                problems.add(when + ": decision seq " + a.getKey() + " (" + a.getValue() + ") acted on but not in the journal");
            }
        }
        roster(when, dir.resolve("roster.db"));
        trust(when, dir.resolve("trust.db"));
        identityKey(when, config.storage().identityKeyFile());
    }

    private void roster(String when, Path file) throws SQLException {
        if (!Files.exists(file)) {
            if (expectRoster >= 0) {
                torn(when, "roster.db is gone");
            }
            return;
        }
        try (SqliteRosterStore store = new SqliteRosterStore(file)) {
            long version = store.version();
            List<Resident> entries = store.entries();
            long markers = entries.stream().filter(r -> r.subject().startsWith("V-")).count();
            boolean whole = version <= 0 ? markers == 0 : markers == version
                    && entries.stream().anyMatch(r -> r.subject().equals("V-" + version));
            if (!whole || entries.size() - markers != residents) {
                torn(when, "roster.db holds version " + version + " with " + entries.size() + " entries (" + markers
                        + " version markers): not one whole version");
            } else if (version < expectRoster) {
                torn(when, "roster.db went back to version " + version + " after version " + expectRoster + " was stored");
            }
            rosterVersion = version;
        }
    }

    private void trust(String when, Path file) throws IOException {
        if (!Files.exists(file)) {
            if (expectTrustMs >= 0) {
                torn(when, "trust.db is gone");
            }
            return;
        }
        try (TrustDb db = TrustDb.open(file)) {
            Optional<TrustDb.Document> d = db.load("trust");
            if (d.isEmpty()) {
                if (expectTrustMs >= 0) {
                    torn(when, "trust.db lost the trust list stored at " + Instant.ofEpochMilli(expectTrustMs));
                }
                return;
            }
            JsonNode n = JSON.readTree(d.get().payload());
            long version = n.path("version").asLong(-1);
            if (version != d.get().version() || !d.get().issuedAt().equals(Instant.parse(n.path("issuedAt").asText()))) {
                torn(when, "trust.db: stored version " + d.get().version() + " but its document says " + version);
            } else if (d.get().issuedAt().toEpochMilli() < expectTrustMs) {
                torn(when, "trust.db went back to version " + version + " after a newer one was stored");
            }
            trustVersion = version;
        } catch (IOException | RuntimeException e) {
            torn(when, "trust.db unreadable: " + e.getMessage());
        }
    }

    private void identityKey(String when, Path file) throws IOException {
        if (!Files.exists(file)) {
            if (identityKey != null) {
                torn(when, "the identity key is gone");
            }
            return;
        }
        byte[] key = Files.readAllBytes(file);
        if (identityKey == null) {
            identityKey = key;
        } else if (!Arrays.equals(identityKey, key)) {
            torn(when, "the identity key changed (" + key.length + " bytes, was "
                    + HexFormat.of().formatHex(identityKey, 0, 4) + "...): every stored hash is now meaningless");
        }
    }

    private void torn(String when, String what) {
        tornFiles++;
        problems.add(when + ": " + what);
    }

    List<String> problems() {
        return problems;
    }

    long lost() {
        return lost;
    }

    long tornFiles() {
        return tornFiles;
    }

    long rosterVersion() {
        return rosterVersion;
    }

    long trustVersion() {
        return trustVersion;
    }
}
