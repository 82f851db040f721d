package org.gridgate.sim.demo;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.gridgate.passage.Check;
import org.gridgate.passage.Decision;

/** One printed line per passage: time, masked identity, temperature, code colour, mask, decision, reasons. */
record Line(Decision decision, String masked) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    String format(ZoneId zone) {
        Decision d = decision;
        String temp = d.temperature().map(t -> String.format(Locale.ROOT, "%.1f°C", t.bodyC())).orElse("  -   ");
        String colour = d.credential().map(c -> c.colour().name().toLowerCase(Locale.ROOT)).orElse("-");
        String mask = d.checks().stream().filter(c -> c.kind() == Check.Kind.MASK).findFirst()
                .map(c -> c.reason() == org.gridgate.passage.Reason.NOT_CHECKED_ON_EXIT ? "-"
                        : c.passed() ? "mask" : "no-mask").orElse("-");
        String reasons = d.granted() ? "" : d.checks().stream().filter(c -> !c.passed())
                .map(c -> c.reason().en() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")"))
                .collect(Collectors.joining("; "));
        if (d.assistedBy().isPresent()) {
            colour = "assist";
        }
        return String.format(Locale.ROOT, "%s  %-5s %-10s %-7s %-6s %-7s %-10s %s",
                LocalTime.ofInstant(d.at(), zone).format(TIME), d.direction() == org.gridgate.passage.Direction.EXIT
                        ? "out" : "in", masked, temp, colour, mask,
                d.outcome().name(), reasons).stripTrailing();
    }
}
