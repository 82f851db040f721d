package org.gridgate.roster;

import java.util.List;

/**
 * A roster message from the community server: the whole roster, or a delta against a version the
 * gate holds (residents added or changed, subjects removed).
 *
 * @param version the roster version after this update
 * @param baseVersion for a delta, the version it applies to; ignored for a full roster
 */
public record RosterUpdate(boolean full, long version, long baseVersion, List<Resident> upserts, List<String> removals) {
    public RosterUpdate {
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
    }

    public static RosterUpdate full(long version, List<Resident> entries) {
        return new RosterUpdate(true, version, 0, entries, List.of());
    }
}
