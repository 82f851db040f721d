package org.gridgate.console;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.console.http.ConsoleHttpServer;
import org.gridgate.journal.Journal;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateObserver;
import org.gridgate.roster.Resident;

/**
 * The volunteer console: live feed, alarms, health and the volunteers' actions, served by the daemon
 * on its own HTTP(S) listener. Register {@link #observer()} with the gate loop.
 */
public final class Console implements AutoCloseable {
    /**
     * What the console reads and drives; built by the composition root.
     *
     * @param residentsOfUnit roster lookup for assisted passes (read-only, any thread)
     * @param trustListUpdated when the trust list was last refreshed; empty when not known (yet)
     * @param clockStatus "synchronized", "unsynchronized", "suspect" (see {@link ClockStatus})
     */
    public record Parts(GateControl control, Function<String, List<Resident>> residentsOfUnit,
            Supplier<Journal.Stats> journalStats, BooleanSupplier uplinkConnected,
            Supplier<Optional<Instant>> trustListUpdated, Supplier<String> clockStatus, Clock clock, ZoneId zone) {}

    private static final int PAGE = 1000;
    private final Live live;
    private final ConsoleHttpServer server;
    private final Board board;
    private final Parts parts;

    private Console(Live live, ConsoleHttpServer server, Board board, Parts parts) {
        this.live = live;
        this.server = server;
        this.board = board;
        this.parts = parts;
    }

    /** Binds the listener and starts the live thread; throws if the port or keystore cannot be used. */
    public static Console start(ConsoleConfig config, Parts parts) throws IOException {
        Board board = new Board(parts.zone(), parts.clock().instant());
        Broadcaster broadcaster = new Broadcaster();
        Live live = new Live(parts, board, broadcaster);
        SecureRandom random = new SecureRandom();
        ConsoleApi api = new ConsoleApi(parts, board, new SignIn(config, parts.clock()),
                new Sessions(config.session(), parts.clock(), random), live::refreshSoon, random,
                config.tls().isPresent());
        ConsoleHttpServer server = ConsoleHttpServer.start(config, api, broadcaster);
        live.start();
        return new Console(live, server, board, parts);
    }

    /**
     * Reads today's passages back from the journal into the counters, so a restart does not zero
     * them. Call after {@link #observer()} is registered; passages counted live are not counted twice.
     */
    public void countToday(Journal journal) {
        java.time.Instant midnight = parts.clock().instant().atZone(parts.zone()).toLocalDate()
                .atStartOfDay(parts.zone()).toInstant();
        long from = org.gridgate.journal.Journals.firstSeqAtOrAfter(journal, midnight);
        org.gridgate.journal.Journals.pages(journal, from, journal.stats().lastSeq(), PAGE, page -> {
            board.countRecorded(page, live.firstSeenSeq());
            return true;
        });
        live.refreshSoon();
    }

    public GateObserver observer() {
        return live;
    }

    /** Where a volunteer opens the console, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
        live.close();
    }
}
