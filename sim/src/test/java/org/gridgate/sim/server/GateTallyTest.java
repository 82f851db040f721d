package org.gridgate.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateTallyTest {
    @Test
    void aJumpOpensAGapThatLateRecordsClose() {
        GateTally t = new GateTally("g");
        Instant at = Instant.EPOCH;
        assertEquals(Optional.empty(), t.unique(41, "passage", "granted", at)); // baseline
        assertEquals(Optional.empty(), t.unique(42, "passage", "denied", at));
        assertEquals(Optional.of(new GateTally.Gap(43, 45)), t.unique(46, "alarm", "", at));
        assertEquals(List.of(new GateTally.Gap(43, 45)), t.gaps());
        assertEquals(Optional.empty(), t.unique(44, "event", "", at));
        assertEquals(List.of(new GateTally.Gap(43, 43), new GateTally.Gap(45, 45)), t.gaps());
        t.unique(43, "passage", "granted", at);
        t.unique(45, "passage", "granted", at);
        assertEquals(List.of(), t.gaps());
        GateTally.Row r = t.row();
        assertEquals(46, r.highestSeq());
        assertEquals(4, r.passages());
        assertEquals(3, r.granted());
        assertEquals(1, r.alarms());
    }

    @Test
    void resendCommandFormat() throws Exception {
        byte[] c = CommunityServer.resendCommand("g1", new GateTally.Gap(43, 45),
                java.time.Instant.parse("2026-03-01T00:00:00Z"), "nonce-123456");
        org.gridgate.command.Command parsed = org.gridgate.command.Command.parse(c); // the gate's own parser
        assertEquals("g1", parsed.gate());
        assertEquals(new org.gridgate.command.Command.Resend(43, 45), parsed.action());
    }
}
