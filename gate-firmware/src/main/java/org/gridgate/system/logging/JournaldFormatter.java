package org.gridgate.system.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record. Under systemd (stdout connected to the journal) each line starts with the
 * syslog priority in angle brackets ({@code <3>} error .. {@code <7>} debug), which journald turns
 * into the entry's priority; on a terminal the level is spelled out instead. Used for our own
 * (slf4j) records and for libraries that log through java.util.logging (Paho).
 */
public final class JournaldFormatter extends Formatter {
    private final boolean priorityPrefix;

    public JournaldFormatter(boolean priorityPrefix) {
        this.priorityPrefix = priorityPrefix;
    }

    static int priority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    static String word(int priority) {
        return switch (priority) {
            case 3 -> "ERROR";
            case 4 -> "WARN";
            case 6 -> "INFO";
            default -> "DEBUG";
        };
    }

    @Override
    public String format(LogRecord r) {
        return line(priority(r.getLevel()), r.getLoggerName(), formatMessage(r), r.getThrown(), priorityPrefix);
    }

    static String line(int priority, String loggerName, String message, Throwable thrown, boolean prefix) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(prefix ? "<" + priority + ">" : word(priority) + " ");
        String name = loggerName == null ? "" : loggerName;
        sb.append(name.substring(name.lastIndexOf('.') + 1)).append(": ").append(message);
        if (thrown != null) {
            StringWriter sw = new StringWriter();
            thrown.printStackTrace(new PrintWriter(sw));
            // Journald keeps one entry per line: indent the trace so it reads as one event.
            for (String l : sw.toString().split("\n")) {
                sb.append('\n').append(prefix ? "<" + priority + ">" : "").append("    ").append(l);
            }
        }
        return sb.append('\n').toString();
    }
}
