package org.gridgate.sim.server.jetstream;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.gridgate.sim.Args;

/**
 * {@code sim consume}: one community-server worker process. Reads records from the cluster's
 * JetStream stream and stores them in a SQLite file shared with the other workers on the host.
 * Prints {@code consume: ready} once bound, then a tally line every {@code --every}; stops on
 * SIGTERM (SIGKILL loses nothing either: unacknowledged records are redelivered).
 */
public final class ConsumeCommand {
    private ConsumeCommand() {}

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--nats", "--db", "--name", "--root", "--replicas", "--batch", "--every"),
                    Set.of());
            a.require("--nats");
            a.require("--db");
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim consume: " + e.getMessage());
            return 64;
        }
        List<String> urls = Arrays.asList(a.require("--nats").split(","));
        String name = a.get("--name", "consumer-" + ProcessHandle.current().pid());
        int replicas = Integer.parseInt(a.get("--replicas", "3"));
        int batch = Integer.parseInt(a.get("--batch", "256"));
        long everyMs = Args.duration(a.get("--every", "10s")).toMillis();
        try (RecordStore store = new RecordStore(Path.of(a.require("--db")), name);
                RecordConsumer consumer = new RecordConsumer(urls, a.get("--root", "gridgate"), replicas, store, batch,
                        Clock.systemUTC())) {
            out.println("consume: ready (" + name + ")");
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            while (!stop.await(everyMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                out.println("consume: " + name + " stored " + consumer.added() + ", dropped " + consumer.copies()
                        + " copies");
                out.flush();
            }
            return 0;
        } catch (Exception e) {
            err.println("gridgate-sim consume: " + e.getMessage());
            return 1;
        }
    }
}
