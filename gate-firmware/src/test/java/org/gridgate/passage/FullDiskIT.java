package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridgate.journal.JournalEntry;
import org.gridgate.signals.GateInput.Kind;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full card, for real: the journal on a 2 MB tmpfs that a filler file fills to the last byte.
 * Entries are denied with cannot_record and nothing is acted on unrecorded, exits still open, the
 * volunteer and the status see "cannot record", and once the filler is gone the gate records again
 * by itself and journals one alarm telling what happened. Needs root (mount).
 */
class FullDiskIT {
    @TempDir
    Path dir;
    Path card;
    GateHarness g;
    final List<Decision> unrecorded = new CopyOnWriteArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        if (g != null) {
            g.close();
        }
        if (card != null) {
            run("umount", card.toString());
        }
    }

    @Test
    void aFullCardDeniesEntryLetsPeopleOutAndRecoversByItself() throws Exception {
        SystemTools.requireRoot("mounts a size-limited tmpfs");
        card = Files.createDirectories(dir.resolve("card"));
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", card.toString());
        g = new GateHarness(card, GateHarness.policy(Policy.Movement.DEFAULTS));
        g.loop.addObserver(new GateObserver() {
            @Override
            public void notRecorded(Decision decision, String masked) {
                unrecorded.add(decision);
            }
        });
        g.input(Kind.DOOR_OPEN, false);
        g.input(Kind.EXIT_REQUEST, false);
        g.input(Kind.MASK_PRESENT, true);
        enter("R-1");
        assertTrue(g.last().granted(), "room on the card: granted");
        g.advance(Duration.ofSeconds(10));

        Path filler = card.resolve("filler");
        fill(filler);
        // The WAL may still have room in its last page: the first passages after the fill can commit.
        for (int i = 0; i < 40 && unrecorded.isEmpty(); i++) {
            enter("R-2");
            g.advance(Duration.ofSeconds(10));
        }
        assertFalse(unrecorded.isEmpty(), "a passage failed to commit on the full card");
        Decision denied = unrecorded.get(0);
        assertFalse(denied.granted());
        assertTrue(denied.denialReasons().contains(Reason.CANNOT_RECORD), denied.toString());
        assertFalse(g.lock.isReleased(), "nothing acted on unrecorded");
        assertTrue(g.loop.snapshot().degraded().get(0).startsWith("cannot record"), g.loop.snapshot().toString());

        g.input(Kind.EXIT_REQUEST, true);
        assertTrue(g.lock.isReleased(), "the exit button opens with the card full");
        g.input(Kind.EXIT_REQUEST, false);
        g.advance(Duration.ofSeconds(10));
        assertFalse(g.lock.isReleased());
        g.scan("code:R-1:GREEN", Direction.EXIT);
        assertTrue(g.lock.isReleased(), "a granted exit opens though it cannot be recorded");
        assertTrue(unrecorded.get(unrecorded.size() - 1).granted());
        g.advance(Duration.ofSeconds(10));

        Files.delete(filler); // space returns: nothing restarts, nobody acknowledges anything
        enter("R-2");
        assertTrue(g.last().granted(), "recording again: granted");
        assertEquals(List.of(), g.loop.snapshot().degraded());
        List<JournalEntry> all = g.journal.undelivered(0, 10_000);
        JournalEntry alarm = all.stream().filter(e -> e.payloadJson().contains("\"alarm\":\"cannot_record\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no cannot_record alarm in " + all));
        assertTrue(alarm.payloadJson().contains("\"unrecordedExits\":1"), alarm.payloadJson());
        assertTrue(g.alarms.contains("cannot_record"), "shown to the volunteer: " + g.alarms);
    }

    private void enter(String who) {
        g.scan("code:" + who + ":GREEN", Direction.ENTRY);
        g.reading(36.5);
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on device: that is the point
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }
}
