package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades lose nothing. A Debian 13 container with systemd runs the previous release's package with
 * a config the technician edited, its broker away so records wait in the outbox; then this build's
 * package goes over it with dpkg. The edited conffile is kept, the running service is restarted once
 * (by the new postinst, after the new version accepted the config), it is the new version that runs,
 * and once the broker is back every record that waited is delivered (acknowledged by the broker).
 */
class UpgradeIT {
    private static final String JOURNAL = "var/lib/gridgate/journal.db";

    @TempDir
    Path tmp;

    @Test
    void aNewerPackageOverARunningGateKeepsTheConfigRestartsOnceAndDeliversWhatWaited() throws Exception {
        Path debs = Files.createDirectories(tmp.resolve("debs"));
        Files.copy(OldRelease.deb(), debs.resolve("old.deb"));
        Files.copy(Packages.daemon(), debs.resolve("new.deb"));
        try (Container c = Container.boot(tmp, debs)) {
            c.exec("dpkg", "-i", "/host/old.deb").ok();
            assertEquals("ii " + OldRelease.version(), c.exec("dpkg-query", "-W", "-f=${db:Status-Abbrev}${Version}", "gridgate")
                    .ok().out().strip().replaceAll("\\s+", " "));

            // The technician's edit: this terminal's devices, storage, broker, keys and a volunteer.
            String pinHash = c.exec("sh", "-c", "echo 731942 | java -jar /usr/share/gridgate/gridgate-gate.jar console hash-pin")
                    .ok().out().strip();
            byte[] config = technicianConfig(pinHash).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path conf = c.root().resolve("etc/gridgate/gridgate.yaml");
            Files.write(conf, config);
            c.exec("java", "-jar", "/usr/share/gridgate/gridgate-gate.jar", "config", "check", "/etc/gridgate/gridgate.yaml").ok();
            c.exec("systemctl", "start", "gridgate").ok();

            // Records wait: the broker is not running, so the outbox holds what the gate journaled.
            Path journal = c.root().resolve(JOURNAL);
            Container.await(Duration.ofSeconds(90), "the old gate journals records", () -> undelivered(journal).size() >= 2);
            List<Long> waiting = undelivered(journal);
            assertEquals(1, starts(c), "one start so far");

            c.exec(Duration.ofMinutes(3), "dpkg", "-i", "--force-confold", "/host/new.deb").ok();

            assertEquals("ii " + Packages.version(), c.exec("dpkg-query", "-W", "-f=${db:Status-Abbrev}${Version}", "gridgate")
                    .ok().out().strip().replaceAll("\\s+", " "));
            assertArrayEquals(config, Files.readAllBytes(conf), "the technician's edited conffile is kept");
            Container.await(Duration.ofSeconds(90), "the service is active again", () -> active(c));
            assertEquals(2, starts(c), "the upgrade restarted the service exactly once");
            String mainPid = c.exec("systemctl", "show", "-P", "MainPID", "gridgate").ok().out().strip();
            String cmdline = c.exec("cat", "/proc/" + mainPid + "/cmdline").ok().out().replace('\0', ' ');
            assertTrue(cmdline.contains("/usr/share/gridgate/gridgate-gate.jar run"), cmdline);
            assertEquals("gridgate-gate " + Packages.version(), c.exec("gridgate", "version").ok().out().strip());

            // The broker comes back: everything that waited through the upgrade reaches it. The gate is
            // stopped meanwhile so the server's subscription holds before the first record is sent (a
            // stop also writes the acknowledgements the journal batches, see SqliteJournal.markDelivered).
            c.exec("systemctl", "stop", "gridgate").ok();
            List<String> waitingIds = ids(journal, "SELECT id FROM record WHERE delivered_at IS NULL ORDER BY seq");
            assertTrue(waitingIds.size() >= waiting.size(), "still waiting after the upgrade: " + waitingIds);
            c.exec("systemctl", "start", "mosquitto").ok();
            // A persistent session first (-E: exit once subscribed), then the same session reading.
            c.exec("mosquitto_sub", "-h", "127.0.0.1", "-c", "-i", "upgrade-server", "-q", "1", "-t", "gridgate/#", "-E").ok();
            c.exec("sh", "-c", "nohup mosquitto_sub -h 127.0.0.1 -c -i upgrade-server -q 1 -t 'gridgate/#' -v"
                    + " > /root/server.log 2>&1 &").ok();
            c.exec("systemctl", "start", "gridgate").ok();
            Path server = c.root().resolve("root/server.log");
            Container.await(Duration.ofSeconds(150), "every waiting record received by the server", () -> {
                try {
                    String got = Files.exists(server) ? Files.readString(server) : "";
                    return waitingIds.stream().allMatch(got::contains);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            // A clean stop marks every record whose PUBACK reached the gate before its "offline" was
            // acknowledged, and the broker acknowledges in order: all of them, even those the server
            // had received a moment before the stop (see OutboxPump.stop).
            c.exec("systemctl", "stop", "gridgate").ok();
            List<String> stillWaiting = ids(journal, "SELECT id FROM record WHERE delivered_at IS NULL");
            assertTrue(stillWaiting.stream().noneMatch(waitingIds::contains), "acknowledged and marked: " + stillWaiting);
            assertTrue(count(journal) >= waiting.size(), "no record lost");
        }
    }

    private static String technicianConfig(String pinHash) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        String root = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        return """
                # gridgate.yaml as the technician left it on gate 07 (edited after the install)
                gate:
                  id: gate-07
                  community: sunflower-court
                  timezone: Asia/Shanghai
                storage:
                  journal: /var/lib/gridgate/journal.db
                  identityKeyFile: /var/lib/gridgate/identity.key
                  retentionDays: 30
                  diskBudgetMb: 256
                policy:
                  feverThresholdC: 37.3
                  mask: required
                thermometer:
                  id: thermo-1
                  model: gy-mcu90614
                  transport: serial
                  port: /dev/ttyUSB0
                  baud: 9600
                  mode: query
                scanners:
                  - id: scanner-in
                    direction: entry
                    transport: serial
                    port: /dev/ttyACM0
                    baud: 9600
                    terminator: CR
                gpio:
                  provider: mock
                  lock:
                    pin: 17
                    activeLow: true
                    safeState: locked
                mqtt:
                  uris: [ "tcp://127.0.0.1:1883" ]
                  topicRoot: gridgate
                credentials:
                  communityPrefix: "GG1:"
                  rootKeys:
                    - kid: Z2F0ZS0wNy1yb290
                      publicKey: %s
                console:
                  bind: 127.0.0.1
                  port: 8080
                  volunteers:
                    - id: zhang
                      role: lead
                      pin: "%s"
                """.formatted(root, pinHash);
    }

    private static boolean active(Container c) {
        try {
            return c.exec("systemctl", "is-active", "gridgate").out().strip().equals("active");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times systemd started the gate (its "Started" lines in the journal). */
    private static long starts(Container c) throws Exception {
        return c.exec("journalctl", "--no-pager", "-o", "cat", "-u", "gridgate").ok().out().lines()
                .filter(l -> l.startsWith("Started gridgate.service")).count();
    }

    private static List<Long> undelivered(Path journal) {
        return query(journal, "SELECT seq FROM record WHERE delivered_at IS NULL ORDER BY seq");
    }

    private static List<String> ids(Path journal, String sql) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Path journal) {
        return query(journal, "SELECT count(*) FROM record").get(0);
    }

    private static List<Long> query(Path journal, String sql) {
        if (!Files.isRegularFile(journal)) {
            return List.of();
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            return List.of(); // the daemon may be creating or migrating it right now: ask again
        }
    }
}
