package org.gridgate.sim.scenario;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line for long runs: count, rate and time left, redrawn at most once a second on the
 * same terminal line. The time source is injected so the arithmetic is tested without waiting.
 */
final class Progress {
    private static final long SECOND = 1_000_000_000L;
    /** Shorter runs finish before a line would help. */
    static final int MIN_TOTAL = 20;

    private final PrintStream out;
    private final LongSupplier nanos;
    private final String label;
    private final int total;
    private final long started;
    private long lastShown;
    private boolean shown;

    Progress(PrintStream out, LongSupplier nanos, String label, int total) {
        this.out = out;
        this.nanos = nanos;
        this.label = label;
        this.total = total;
        this.started = nanos.getAsLong();
        this.lastShown = started;
    }

    /** {@code done} of the total are done; draws the line if a second has passed since the last one. */
    void update(int done) {
        long now = nanos.getAsLong();
        if (now - lastShown >= SECOND) {
            lastShown = now;
            shown = true;
            out.print("\r" + line(done, now));
            out.flush();
        }
    }

    /** Ends the line if one was drawn. */
    void finish(int done) {
        if (shown) {
            out.println("\r" + line(done, nanos.getAsLong()));
        }
    }

    String line(int done, long now) {
        double seconds = (now - started) / (double) SECOND;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 ? Math.round((total - done) / rate) + " s left" : "time left unknown";
        return String.format(Locale.ROOT, "  %s: %d/%d, %.1f/s, %s", label, done, total, rate, left);
    }
}
