package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;

class StatusMessagesTest {
    final StatusMessages status = new StatusMessages(new GateIdentity("g1", "c1", ZoneOffset.UTC),
            new ManualClock(Instant.parse("2026-03-01T08:00:00Z")));

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void onlineCarriesHeaderTimeAndDetails() {
        status.details(Map.of("mode", "normal"));
        assertEquals("{\"v\":1,\"gate\":\"g1\",\"community\":\"c1\",\"state\":\"online\","
                + "\"at\":\"2026-03-01T08:00:00Z\",\"mode\":\"normal\"}", text(status.online()));
    }

    @Test
    void offlineAndLastWill() {
        assertEquals("{\"v\":1,\"gate\":\"g1\",\"community\":\"c1\",\"state\":\"offline\","
                + "\"at\":\"2026-03-01T08:00:00Z\",\"reason\":\"shutdown\"}", text(status.offline()));
        assertEquals("{\"v\":1,\"gate\":\"g1\",\"community\":\"c1\",\"state\":\"offline\","
                + "\"reason\":\"connection lost\"}", text(status.lastWill()));
    }

    @Test
    void detailsThatWouldBreakTheFormatAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> status.details(Map.of("state", "fine")));
        assertThrows(IllegalArgumentException.class, () -> status.details(Map.of("x", new Object())));
        assertEquals("{\"v\":1,\"gate\":\"g1\",\"community\":\"c1\",\"state\":\"online\","
                + "\"at\":\"2026-03-01T08:00:00Z\"}", text(status.online()), "previous details kept");
    }
}
