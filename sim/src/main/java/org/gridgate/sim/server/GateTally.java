package org.gridgate.sim.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the server stand-in knows of one gate: unique records by kind, decisions, and which sequence
 * numbers are still missing. The first seq seen is the baseline (a server that starts late has not
 * missed what came before it). Not thread-safe: the server calls it under its own lock.
 */
public final class GateTally {
    /** A run of missing sequence numbers, both ends included. */
    public record Gap(long fromSeq, long toSeq) {}

    /** One row of the live table. */
    public record Row(String gate, long passages, long granted, long denied, long alarms, long events,
            long duplicates, long highestSeq, List<Gap> gaps, Instant lastAt) {}

    private final String gate;
    private long contiguous = -1; // every seq up to here arrived
    private final NavigableSet<Long> above = new TreeSet<>();
    private long passages;
    private long granted;
    private long denied;
    private long alarms;
    private long events;
    private long duplicates;
    private Instant lastAt;

    GateTally(String gate) {
        this.gate = gate;
    }

    /** Counts a unique record; returns the gap this record opened, if it jumped ahead. */
    java.util.Optional<Gap> unique(long seq, String kind, String outcome, Instant at) {
        lastAt = at;
        switch (kind) {
            case "passage" -> {
                passages++;
                if ("granted".equals(outcome)) {
                    granted++;
                } else {
                    denied++;
                }
            }
            case "alarm" -> alarms++;
            default -> events++;
        }
        if (contiguous < 0) {
            contiguous = seq;
            return java.util.Optional.empty();
        }
        long highest = highestSeq();
        if (seq <= contiguous) {
            return java.util.Optional.empty(); // a unique id under an old seq: counted, nothing to track
        }
        above.add(seq);
        while (above.contains(contiguous + 1)) {
            above.remove(++contiguous);
        }
        return seq > highest + 1 ? java.util.Optional.of(new Gap(highest + 1, seq - 1)) : java.util.Optional.empty();
    }

    void duplicate() {
        duplicates++;
    }

    public long highestSeq() {
        return above.isEmpty() ? contiguous : above.last();
    }

    /** Missing runs between the contiguous prefix and the highest seq seen. */
    public List<Gap> gaps() {
        List<Gap> out = new ArrayList<>();
        long expect = contiguous + 1;
        for (long s : above) {
            if (s > expect) {
                out.add(new Gap(expect, s - 1));
            }
            expect = s + 1;
        }
        return out;
    }

    public Row row() {
        return new Row(gate, passages, granted, denied, alarms, events, duplicates, highestSeq(), gaps(), lastAt);
    }
}
