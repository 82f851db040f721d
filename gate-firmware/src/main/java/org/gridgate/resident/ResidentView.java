package org.gridgate.resident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.passage.Direction;

/**
 * One state of the resident outputs: what the screen, the LCD and the voice show and say now. Holds
 * nothing a stranger in the queue should not see: no name, no unit, no health detail beyond the
 * temperature and the reasons the person in front must act on.
 *
 * @param seq increases with every view; outputs drop a view older than the one they show
 * @param at when the gate got there (for a decision: right after the lock was driven)
 * @param items for a denial, each failed check's reason with what to do next
 * @param temperatureC the body estimate on an entry decision
 * @param masked the masked identity ("*****5") on a decision, else empty
 */
public record ResidentView(long seq, Screen screen, Instant at, Optional<Direction> direction, List<Item> items,
        Optional<Double> temperatureC, Optional<String> masked) {
    public ResidentView {
        items = List.copyOf(items);
    }

    /** A reason and the step that answers it (empty for a reason that needs none). */
    public record Item(Phrase reason, Optional<Phrase> step) {}

    /** The distinct next steps, in the order of the checks that failed. */
    public List<Phrase> steps() {
        return items.stream().flatMap(i -> i.step().stream()).distinct().toList();
    }
}
