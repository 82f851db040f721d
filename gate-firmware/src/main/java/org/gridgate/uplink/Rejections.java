package org.gridgate.uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Keeps rejected inbound messages from flooding the journal, the log and the uplink: at most
 * {@link #PER_MINUTE} reports a minute per kind (channel and reason); the rest are counted and the
 * count rides on the next report that gets through. Also makes what an attacker sent safe to report.
 * Thread-safe.
 */
public final class Rejections {
    public static final int PER_MINUTE = 10;
    /** Characters of attacker-supplied text a report may quote (escaped). */
    public static final int EXCERPT = 64;
    private static final int MAX_KINDS = 256;

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        Instant start;
        int reported;
        long suppressed;
    }

    public Rejections(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether to report one more rejection of this kind now: empty if it is to be dropped (and counted),
     * else how many of this kind were dropped since the last report.
     */
    public synchronized OptionalLong admit(String kind) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_KINDS && !windows.containsKey(kind)) {
            windows.clear(); // kinds come from a fixed set of channels and codes; this is only a backstop
        }
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        if (w.start == null || !now.isBefore(w.start.plus(Duration.ofMinutes(1)))) {
            w.start = now;
            w.reported = 0;
        }
        if (w.reported >= PER_MINUTE) {
            w.suppressed++;
            return OptionalLong.empty();
        }
        w.reported++;
        long dropped = w.suppressed;
        w.suppressed = 0;
        return OptionalLong.of(dropped);
    }

    /**
     * At most {@link #EXCERPT} characters of {@code text}, printable ASCII kept, everything else escaped
     * as {@code \\uXXXX}, and the original length noted when cut: safe for a log line, a journal record
     * and a published event, whatever the sender put in.
     */
    public static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (i < text.length()) {
            b.append("… (").append(text.length()).append(" chars)");
        }
        return b.toString();
    }
}
