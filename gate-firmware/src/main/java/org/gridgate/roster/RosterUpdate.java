package org.gridgate.roster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A roster message from the community server: the whole roster, or a delta against a version the
 * gate holds (residents added or changed, subjects removed).
 *
 * @param version the roster version after this update; a gate applies only a version above the one it holds
 * @param baseVersion for a delta, the version it applies to; ignored for a full roster
 * @param issuedAt when the server issued it
 */
public record RosterUpdate(boolean full, long version, long baseVersion, Instant issuedAt, List<Resident> upserts,
        List<String> removals) {
    public RosterUpdate {
        Objects.requireNonNull(issuedAt, "issuedAt");
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
    }

    public static RosterUpdate full(long version, Instant issuedAt, List<Resident> entries) {
        return new RosterUpdate(true, version, 0, issuedAt, entries, List.of());
    }

    /** A roster seeded locally (benches, rehearsals), not received: version 0, issued at the epoch. */
    public static RosterUpdate seed(List<Resident> entries) {
        return full(0, Instant.EPOCH, entries);
    }
}
