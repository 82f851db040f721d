package org.gridgate.passage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gridgate.thermometer.TemperatureReading;

/**
 * The re-measure rule: a reading under the threshold settles the temperature at once; one at or
 * over it is measured up to {@link #MAX_READINGS} times in all and the median of the body
 * estimates decides, so one bad reading neither turns a resident away nor lets a fever through.
 */
final class Temperatures {
    static final int MAX_READINGS = 3;

    private Temperatures() {}

    static boolean settled(List<TemperatureReading> usable, Policy policy) {
        if (usable.isEmpty()) {
            return false;
        }
        if (usable.size() >= MAX_READINGS) {
            return true;
        }
        TemperatureReading first = usable.get(0);
        return policy.bodyEstimate(first.objectC(), first.ambientC()) < policy.feverThresholdC();
    }

    /** Whether the gate should ask the thermometer again. */
    static boolean wantsAnother(List<TemperatureReading> usable, Policy policy) {
        return !usable.isEmpty() && !settled(usable, policy);
    }

    /**
     * The median reading by body estimate. With an even count (the window ended mid re-measure) the
     * upper middle one: a screening errs towards a second look, not towards letting a fever through.
     */
    static Optional<BodyTemperature> median(List<TemperatureReading> usable, Policy policy) {
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        List<TemperatureReading> considered = usable.size() > MAX_READINGS ? usable.subList(0, MAX_READINGS) : usable;
        List<TemperatureReading> sorted = considered.stream()
                .sorted(Comparator.comparingDouble(r -> policy.bodyEstimate(r.objectC(), r.ambientC())))
                .toList();
        TemperatureReading m = sorted.get(sorted.size() / 2);
        return Optional.of(new BodyTemperature(m.objectC(), m.ambientC(), policy.bodyEstimate(m.objectC(), m.ambientC()),
                considered.size()));
    }
}
