package org.gridgate.system;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gridgate.command.CommandHandler;
import org.gridgate.config.GateConfig;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.GateLoop;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.timing.Scheduler;
import org.gridgate.uplink.DailySummary;
import org.gridgate.uplink.Rejections;
import org.gridgate.uplink.StatusReporter;
import org.gridgate.uplink.mqtt.PahoUplink;

/**
 * Wires what the gate does over its uplink: the routing of signed documents and commands from the
 * server (with the commands' resend and reload actions), the retained status and the daily summary.
 * {@link GateApp} builds it only when {@code [mqtt]} is configured.
 */
final class UplinkServices {
    /** The most records one resend command re-publishes; the server asks again from the next seq. */
    static final int RESEND_MAX = 10_000;

    private final StatusReporter status;
    private final DailySummary summary;

    private UplinkServices(StatusReporter status, DailySummary summary) {
        this.status = status;
        this.summary = summary;
    }

    /**
     * Starts the uplink with the gate's inbound routing, then the status reporter and the summary.
     *
     * @param reloadConfig re-reads the config file and answers with what happened (a command action)
     * @param events records an EVENT in the journal (refused inbound documents)
     */
    static UplinkServices start(PahoUplink u, GateConfig config, Inbox inbox, GateLoop loop, Journal journal,
            SqliteRosterStore rosters, Supplier<String> reloadConfig, Consumer<Map<String, Object>> events,
            Scheduler scheduler, Clock clock) {
        CommandHandler commands = new CommandHandler(config.gate().id(), inbox.rootKeys(), inbox.db(), loop,
                new CommandHandler.Actions() {
                    @Override
                    public String resend(long fromSeq, long toSeq) {
                        List<JournalEntry> entries = journal.range(fromSeq, toSeq, RESEND_MAX);
                        u.republish(entries);
                        return entries.size() + " record(s) of " + fromSeq + ".." + toSeq + " re-published"
                                + (entries.size() == RESEND_MAX ? " (capped; ask again from the next seq)" : "");
                    }

                    @Override
                    public String reloadConfig() {
                        return reloadConfig.get();
                    }
                }, journal, u::wake, u::publishCommandResult, clock);
        u.start(new InboundRouter(loop, rosters, inbox.rootKeys(), inbox.lists(), commands, events,
                new Rejections(clock)));
        StatusReporter status = new StatusReporter(loop, journal, inbox.trustAge(), BuildInfo.version(),
                u::publishStatus, scheduler, clock);
        status.start();
        DailySummary summary = new DailySummary(journal, config.gate().zone(), scheduler, clock, u::wake);
        summary.start();
        return new UplinkServices(status, summary);
    }

    /** Stops the status and the summary; call before the gate loop stops answering their snapshots. */
    void stop() {
        status.stop();
        summary.stop();
    }
}
