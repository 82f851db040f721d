package org.gridgate.sim.perf.decision;

import java.io.IOException;

/**
 * The "other process" of the loaded decision run: one thread that keeps one core busy until its
 * standard input closes (the bench closes it, or the bench died), so it never outlives the bench.
 */
public final class Spinner {
    private static volatile boolean stop;

    private Spinner() {}

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // anything written is ignored; end of input ends the spinner
                }
            } catch (IOException ignored) {
                // the pipe broke: the same as closed
            }
            stop = true;
        }, "stdin-watch");
        watch.setDaemon(true);
        watch.start();
        System.out.println("spinning");
        System.out.flush();
        long x = 0;
        while (!stop) {
            x = x * 6364136223846793005L + 1442695040888963407L; // work the JIT cannot drop
        }
        System.out.println(x == 42 ? "" : "stopped");
    }
}
