package org.gridgate.passage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** History in memory, for tests and the simulator. Not thread-safe: the gate loop owns it. */
public final class MemoryHistory implements PassageHistory {
    private final Map<String, List<Instant>> exits = new HashMap<>();
    private final Map<String, Last> last = new HashMap<>();

    @Override
    public List<Instant> householdExits(String household, Instant since) {
        return exits.getOrDefault(household, List.of()).stream().filter(t -> t.isAfter(since)).toList();
    }

    @Override
    public Optional<Last> last(String subject) {
        return Optional.ofNullable(last.get(subject));
    }

    @Override
    public void granted(String subject, String household, Direction direction, Instant at) {
        last.put(subject, new Last(direction, at));
        if (direction == Direction.EXIT && !household.isEmpty()) {
            exits.computeIfAbsent(household, h -> new ArrayList<>()).add(at);
        }
    }
}
