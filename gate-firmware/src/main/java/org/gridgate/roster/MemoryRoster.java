package org.gridgate.roster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The roster the gate loop reads; replaced whole by the loop thread only, so reads need no lock. */
public final class MemoryRoster implements Roster {
    private volatile Map<String, Resident> bySubject = Map.of();

    public void replace(List<Resident> entries) {
        Map<String, Resident> m = new HashMap<>();
        for (Resident r : entries) {
            m.put(r.subject(), r);
        }
        bySubject = Map.copyOf(m);
    }

    @Override
    public Optional<Resident> find(String subject) {
        return Optional.ofNullable(bySubject.get(subject));
    }

    /** Everyone registered at {@code unit}; any thread (the map is replaced whole, never changed). */
    public List<Resident> inUnit(String unit) {
        return bySubject.values().stream().filter(r -> r.unit().equals(unit)).toList();
    }

    @Override
    public int size() {
        return bySubject.size();
    }
}
