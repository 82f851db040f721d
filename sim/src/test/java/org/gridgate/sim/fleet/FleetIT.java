package org.gridgate.sim.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim fleet} in its CI size: 50 gates for 60 s against its own three-node cluster, one broker
 * node and one server worker killed and restarted. The long run is the same test behind a flag:
 * {@code -Dgridgate.fleet.gates=1000 -Dgridgate.fleet.minutes=5} (see docs/performance.md).
 */
class FleetIT {
    @TempDir
    Path dir;

    @Test
    void fiftyGatesThroughANodeLossAndAWorkerCrashLoseNothingAndDoubleNothing() {
        SystemTools.require("nats-server", "nats-server");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int gates = Integer.getInteger("gridgate.fleet.gates", 50);
        String minutes = System.getProperty("gridgate.fleet.minutes", "1");
        int code = FleetCommand.run(List.of("--gates", "" + gates, "--minutes", minutes, "--dir", dir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        List<String> lines = text.lines().toList();
        String last = lines.getLast();
        assertTrue(last.matches("fleet: " + gates + " gates, (\\d+) records, \\1 delivered, 0 lost, 0 duplicated,"
                + " failover p99 \\d+\\.\\d\\d s"), last);
        assertTrue(lines.stream().anyMatch(l -> l.matches("fleet: t=\\d+s broker node n\\d killed with [1-9]\\d* gates on it")),
                text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fleet: t=") && l.endsWith("consumer-1 killed")), text);
        long records = Long.parseLong(last.replaceAll("fleet: \\d+ gates, (\\d+) records.*", "$1"));
        assertTrue(records >= (long) (gates * Double.parseDouble(minutes) * 6 * 0.8),
                "about one passage per gate per 10 s: " + records);
    }
}
