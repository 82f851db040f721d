package org.gridgate.system;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Check;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.passage.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per passage, for a technician following {@code journalctl -u gridgate -f}: journal
 * seq, direction, the masked id, the outcome and why. The log leaves the terminal (journald,
 * support bundles), so it carries no clear identity and no health status: a denial for a fever, a
 * yellow or red code or home quarantine is logged as the check that failed, never as the reason;
 * the console and the journal hold the rest.
 */
final class PassageLog implements GateObserver {
    private static final Logger LOG = LoggerFactory.getLogger("org.gridgate.passage");
    /** Reasons that tell a person's health status: logged as their check only. */
    private static final List<Reason> HEALTH = List.of(Reason.FEVER, Reason.CODE_YELLOW, Reason.CODE_RED,
            Reason.QUARANTINE_EXIT, Reason.CODE_REVOKED);

    @Override
    public void decided(Decision d, JournalEntry entry, String masked) {
        LOG.info(line(d, entry.seq(), masked));
    }

    static String line(Decision d, long seq, String masked) {
        String why = d.checks().stream().filter(c -> !c.passed()).map(PassageLog::loggable)
                .collect(Collectors.joining(" "));
        return "passage " + seq + " " + lower(d.direction().name()) + " " + (masked == null || masked.isEmpty() ? "-"
                : masked) + " " + lower(d.outcome().name()) + (why.isEmpty() ? "" : " " + why)
                + d.assistedBy().map(v -> " assisted_by=" + v).orElse("");
    }

    private static String loggable(Check c) {
        return HEALTH.contains(c.reason()) ? lower(c.kind().name()) + "_check" : c.reason().code();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
