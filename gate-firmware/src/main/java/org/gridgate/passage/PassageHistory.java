package org.gridgate.passage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who went in and out before: what the exit quota and anti-passback rules look at. Only granted
 * passages count. Implementations store subjects as keyed hashes, never in clear.
 */
public interface PassageHistory {
    record Last(Direction direction, Instant at) {}

    /** Granted exits of members of {@code household} after {@code since}, oldest first. */
    List<Instant> householdExits(String household, Instant since);

    /** The subject's last granted passage. */
    Optional<Last> last(String subject);

    /** Remembers a granted passage; called by the gate loop after the journal commit. */
    void granted(String subject, String household, Direction direction, Instant at);

    /** No memory: no quota and no anti-passback can trigger. */
    PassageHistory NONE = new PassageHistory() {
        @Override
        public List<Instant> householdExits(String household, Instant since) {
            return List.of();
        }

        @Override
        public Optional<Last> last(String subject) {
            return Optional.empty();
        }

        @Override
        public void granted(String subject, String household, Direction direction, Instant at) {}
    };
}
