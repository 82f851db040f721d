package org.gridgate.sim.perf.micro;

/**
 * Measures two sides in alternating blocks of rows until each has run for its time budget or its
 * row cap: a disk that slows down for a moment (another build, a WAL checkpoint) costs both sides
 * alike. Which side goes first swaps every round, so neither always follows the other's checkpoint.
 */
final class Alternation {
    /** One side: does {@code rows} units of work and returns the nanoseconds they took. */
    @FunctionalInterface
    interface Side {
        long run(int rows) throws Exception;
    }

    /** What one side did: rows and nanoseconds summed over its blocks. */
    record Tally(long rows, long nanos) {
        double ratePerSecond() {
            return nanos == 0 ? 0 : rows / (nanos / 1e9);
        }
    }

    record Result(Tally a, Tally b, int rounds) {
        /** a's rate over b's. */
        double ratio() {
            double rb = b.ratePerSecond();
            return rb == 0 ? 0 : a.ratePerSecond() / rb;
        }
    }

    private final long budgetNanos;
    private final long maxRows;
    private final int block;

    /**
     * @param budgetNanos each side stops once it has spent this long
     * @param maxRows each side stops once it has done this many rows
     * @param block rows per block
     */
    Alternation(long budgetNanos, long maxRows, int block) {
        if (budgetNanos <= 0 || maxRows <= 0 || block <= 0) {
            throw new IllegalArgumentException("budget, row cap and block must be positive");
        }
        this.budgetNanos = budgetNanos;
        this.maxRows = maxRows;
        this.block = block;
    }

    Result run(Side a, Side b) throws Exception {
        long rowsA = 0;
        long nanosA = 0;
        long rowsB = 0;
        long nanosB = 0;
        int rounds = 0;
        while (!done(rowsA, nanosA) || !done(rowsB, nanosB)) {
            boolean aFirst = rounds % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isA = (turn == 0) == aFirst;
                if (isA && !done(rowsA, nanosA)) {
                    int n = (int) Math.min(block, maxRows - rowsA);
                    nanosA += a.run(n);
                    rowsA += n;
                } else if (!isA && !done(rowsB, nanosB)) {
                    int n = (int) Math.min(block, maxRows - rowsB);
                    nanosB += b.run(n);
                    rowsB += n;
                }
            }
            rounds++;
        }
        return new Result(new Tally(rowsA, nanosA), new Tally(rowsB, nanosB), rounds);
    }

    private boolean done(long rows, long nanos) {
        return rows >= maxRows || nanos >= budgetNanos;
    }
}
