package org.gridgate.system.logging;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Logging for the gate and the simulator: stdout in journald form, our records through slf4j
 * ({@link JournaldServiceProvider}), libraries that use java.util.logging (Paho) through a JUL
 * handler with the same format. Personal data never reaches a log call: codes, names and
 * identities are not logged anywhere.
 */
public final class Logging {
    private static volatile int threshold = org.slf4j.event.Level.INFO.toInt();
    private static volatile boolean prefix;
    private static volatile PrintStream out = System.out;
    /** Per logger-name prefix thresholds (slf4j level ints); chatty libraries' INFO is our DEBUG. */
    private static final Map<String, Integer> OVERRIDES = new ConcurrentHashMap<>();
    /** java.util.logging holds loggers weakly: a level set on one nobody references is lost at the next GC. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Logging() {}

    /** Sets the threshold; prefixes are used when stdout goes to the journal (JOURNAL_STREAM set). */
    public static void setup(Level level) {
        prefix = System.getenv("JOURNAL_STREAM") != null || Boolean.getBoolean("gridgate.log.journald");
        out = System.out;
        threshold = slf4j(level);
        int quiet = Math.max(threshold, org.slf4j.event.Level.WARN.toInt());
        for (String noisy : new String[] {"io.moquette", "io.netty", "com.pi4j", "org.eclipse.paho"}) {
            OVERRIDES.put(noisy, quiet);
        }
        // Pi4J's board detection reads /proc/device-tree and reports at ERROR where there is none
        // (the simulator, a PC); the gate never uses the board model.
        OVERRIDES.put("com.pi4j.boardinfo", Integer.MAX_VALUE);

        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler h = new StreamHandler(out, new JournaldFormatter(prefix)) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            @Override
            public synchronized void close() {
                flush(); // never close stdout
            }
        };
        h.setLevel(level);
        root.addHandler(h);
        Logger paho = Logger.getLogger("org.eclipse.paho");
        paho.setLevel(level.intValue() < Level.WARNING.intValue() ? Level.WARNING : level);
        CONFIGURED.add(paho);
    }

    /** Drops every record of loggers under {@code loggerPrefix} (a library whose output a command replaces). */
    public static void silence(String loggerPrefix) {
        OVERRIDES.put(loggerPrefix, Integer.MAX_VALUE);
    }

    private static int slf4j(Level level) {
        int v = level.intValue();
        if (v >= Level.OFF.intValue()) {
            return Integer.MAX_VALUE;
        }
        if (v >= Level.SEVERE.intValue()) {
            return org.slf4j.event.Level.ERROR.toInt();
        }
        if (v >= Level.WARNING.intValue()) {
            return org.slf4j.event.Level.WARN.toInt();
        }
        if (v >= Level.INFO.intValue()) {
            return org.slf4j.event.Level.INFO.toInt();
        }
        return org.slf4j.event.Level.DEBUG.toInt();
    }

    static boolean enabled(String name, int level) {
        int limit = threshold;
        int best = -1;
        for (Map.Entry<String, Integer> e : OVERRIDES.entrySet()) {
            if (name.startsWith(e.getKey()) && e.getKey().length() > best) {
                best = e.getKey().length();
                limit = e.getValue();
            }
        }
        return level >= limit;
    }

    static boolean prefixed() {
        return prefix;
    }

    private static final java.util.List<java.util.function.Consumer<String>> TAPS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Also hands every line written by our loggers to {@code tap} until the returned handle is closed:
     * how tests check what a gate says in its log (and what it must never say).
     */
    public static AutoCloseable tap(java.util.function.Consumer<String> tap) {
        TAPS.add(tap);
        return () -> TAPS.remove(tap);
    }

    static void write(String line) {
        TAPS.forEach(t -> t.accept(line));
        PrintStream o = out;
        synchronized (o) {
            o.print(line);
            o.flush();
        }
    }
}
