package org.gridgate.system.logging;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes all logging (ours through slf4j-jdk14, and the libraries') to stdout in journald form.
 * Personal data never reaches a log call: codes, names and identities are not logged anywhere.
 */
public final class Logging {
    /** java.util.logging holds loggers weakly: a level set on one nobody references is lost at the next GC. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Logging() {}

    private static void level(String name, Level level) {
        Logger l = Logger.getLogger(name);
        l.setLevel(level);
        CONFIGURED.add(l);
    }

    /** Sets up the root logger. {@code level} e.g. INFO; prefixes are used when stdout goes to the journal. */
    public static void setup(Level level) {
        boolean journal = System.getenv("JOURNAL_STREAM") != null || Boolean.getBoolean("gridgate.log.journald");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        PrintStream out = System.out;
        Handler h = new StreamHandler(out, new JournaldFormatter(journal)) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        h.setLevel(level);
        root.addHandler(h);
        // Pi4J's board detection reads /proc/device-tree and reports at ERROR where there is
        // none (the simulator, a PC); the gate never uses the board model.
        level("com.pi4j.boardinfo", Level.OFF);
        // Chatty libraries: their INFO is our DEBUG.
        for (String noisy : new String[] {"io.moquette", "io.netty", "com.pi4j", "org.eclipse.paho"}) {
            level(noisy, level.intValue() < Level.WARNING.intValue() ? Level.WARNING : level);
        }
    }
}
