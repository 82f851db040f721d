package org.gridgate.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterMessage;
import org.gridgate.sim.Args;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.timing.ExecutorScheduler;

/**
 * {@code sim server}: the community-server stand-in for a rehearsal. Starts an embedded broker (or
 * uses {@code --broker}), prints one line per unique record and the per-gate table every few
 * seconds when something changed, asks gates to resend gaps, and publishes the roster. Reads
 * {@code table} and {@code quit} from stdin.
 */
public final class ServerCommand {
    static final Duration TABLE_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ServerCommand() {}

    public static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--port", "--broker", "--community", "--root", "--key", "--roster"), Set.of());
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim server: " + e.getMessage());
            return 64;
        }
        String community = a.get("--community", "sunflower-court");
        String root = a.get("--root", "gridgate");
        EmbeddedBroker broker = null;
        try (ExecutorScheduler timers = new ExecutorScheduler("server-table")) {
            List<Resident> roster = List.of();
            if (a.get("--roster").isPresent()) {
                roster = RosterMessage.parseSource(Files.readAllBytes(Path.of(a.require("--roster"))));
            }
            CommunityKey key = a.get("--key").isPresent()
                    ? CommunityKey.loadOrCreate(Path.of(a.require("--key"))) : CommunityKey.generate();
            out.println("community key " + a.get("--key", "(generated for this run)") + " (kid " + key.kidBase64()
                    + "); gates trust its passes and its signed roster with:");
            out.print(key.anchorYaml());
            String uri;
            if (a.get("--broker").isPresent()) {
                uri = a.require("--broker");
            } else {
                broker = EmbeddedBroker.start(Integer.parseInt(a.get("--port", "1883")));
                uri = broker.uri();
                out.println("embedded broker on " + uri + " (set mqtt.uris: [\"" + uri + "\"] in the gate's config)");
            }
            try (CommunityServer server = new CommunityServer(uri, root, community)) {
                server.signWith(key.kid(), key.pair().getPrivate());
                if (!roster.isEmpty()) {
                    server.publishRoster(roster);
                    out.println("roster published: " + roster.size() + " entries, retained, on " + root + "/"
                            + community + "/roster");
                }
                out.println("listening on " + root + "/" + community + "/+/{passage,alarm,event}; type 'table' or 'quit'");
                AtomicLong changes = new AtomicLong();
                server.onRecord(n -> {
                    changes.incrementAndGet();
                    out.println(line(n));
                });
                scheduleTable(timers, server, changes, new AtomicLong(), out);
                return readCommands(stdin, server, out);
            }
        } catch (RosterMessage.Invalid e) {
            err.println("gridgate-sim server: " + a.get("--roster", "") + ": not a roster: " + e.getMessage());
            return 65;
        } catch (Exception e) {
            err.println("gridgate-sim server: " + e.getMessage());
            return 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static int readCommands(InputStream stdin, CommunityServer server, PrintStream out)
            throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String l;
        while ((l = in.readLine()) != null) {
            switch (l.trim()) {
                case "table" -> out.print(table(server.table()));
                case "quit", "exit" -> {
                    return 0;
                }
                case "" -> { }
                default -> out.println("commands: table, quit");
            }
        }
        // stdin closed (started in the background): serve until the process is stopped.
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        forever.await();
        return 0;
    }

    private static void scheduleTable(ExecutorScheduler timers, CommunityServer server, AtomicLong changes,
            AtomicLong shown, PrintStream out) {
        timers.schedule(TABLE_EVERY, () -> {
            long c = changes.get();
            if (c != shown.getAndSet(c)) {
                out.print(table(server.table()));
            }
            scheduleTable(timers, server, changes, shown, out);
        });
    }

    /** One record as the live feed shows it: no identity, only the masked form the gate sent. */
    static String line(JsonNode n) {
        String at = n.path("at").asText("");
        String time;
        try {
            time = LocalTime.ofInstant(java.time.Instant.parse(at), ZoneId.systemDefault()).format(TIME);
        } catch (java.time.format.DateTimeParseException e) {
            time = "--:--:--";
        }
        String what = switch (n.path("kind").asText("")) {
            case "passage" -> n.path("direction").asText("") + " " + n.path("outcome").asText("")
                    + (n.path("reasons").isEmpty() ? "" : " " + n.path("reasons"))
                    + " " + n.path("identity").path("masked").asText("-");
            case "alarm" -> "ALARM " + n.path("alarm").asText("");
            default -> n.path("event").asText("");
        };
        return String.format(Locale.ROOT, "%s  %-14s #%-6d %-8s %s", time, n.path("gate").asText("?"),
                n.path("seq").asLong(), n.path("kind").asText("?"), what);
    }

    static String table(List<GateTally.Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %8s %8s %8s %7s %7s %6s %8s  %s%n",
                "gate", "passages", "granted", "denied", "alarms", "events", "dups", "last seq", "gaps"));
        for (GateTally.Row r : rows) {
            String gaps = r.gaps().isEmpty() ? "-" : r.gaps().stream()
                    .map(g -> g.fromSeq() == g.toSeq() ? "" + g.fromSeq() : g.fromSeq() + "-" + g.toSeq()).toList().toString();
            b.append(String.format(Locale.ROOT, "%-14s %8d %8d %8d %7d %7d %6d %8d  %s%n", r.gate(), r.passages(),
                    r.granted(), r.denied(), r.alarms(), r.events(), r.duplicates(), r.highestSeq(), gaps));
        }
        return b.toString();
    }
}
