package org.gridgate.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void showsCountRateAndTimeLeftAtMostOnceASecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), now::get, "rush", 300);
        now.addAndGet(500_000_000L);
        p.update(50);
        assertEquals("", buf.toString(StandardCharsets.UTF_8), "nothing before a second has passed");
        now.addAndGet(1_500_000_000L); // 2 s in
        p.update(100);
        assertEquals("\r  rush: 100/300, 50.0/s, 4 s left", buf.toString(StandardCharsets.UTF_8));
        p.finish(300);
        assertEquals("\r  rush: 100/300, 50.0/s, 4 s left\r  rush: 300/300, 150.0/s, 0 s left"
                + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
    }
}
