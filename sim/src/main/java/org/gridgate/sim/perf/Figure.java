package org.gridgate.sim.perf;

import java.util.Locale;

/**
 * One benchmark figure: {@code name value unit}, the line other tools parse. Names are
 * lower_snake_case and stable; a ratio has unit {@code x}.
 */
public record Figure(String name, double value, String unit) {
    public Figure {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("benchmark name must be lower_snake_case: " + name);
        }
        if (unit.isBlank() || unit.contains(" ")) {
            throw new IllegalArgumentException("benchmark unit must be one word: '" + unit + "'");
        }
    }

    /** The contract line, e.g. {@code decision_p99_ms 4.213 ms}. */
    public String line() {
        return name + " " + format(value) + " " + unit;
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "nan";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
