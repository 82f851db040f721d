package org.gridgate.sim.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import org.gridgate.config.ScannerConfig;
import org.gridgate.device.ByteLink;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

/** The simulated devices' bytes on the wire, compared with the datasheet vectors byte for byte. */
class SimulatedDevicesTest {
    private static byte[] readExactly(ByteLink l, int n) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a deadline, not a pace
        while (b.size() < n && System.nanoTime() < deadline) {
            int r = l.read(buf);
            b.write(buf, 0, Math.max(0, Math.min(r, n - b.size())));
        }
        return b.toByteArray();
    }

    @Test
    void thermometerAnswersAQueryWithTheDatasheetFrame() throws Exception {
        SimulatedThermometer t = new SimulatedThermometer(new ManualScheduler(new org.gridgate.timing.ManualClock(java.time.Instant.EPOCH)));
        PipeLink[] pair = PipeLink.pair("t");
        t.attach(pair[1]);
        t.present(31.92, 33.53);
        pair[0].write(new byte[] {(byte) 0xA5, 0x15, (byte) 0xBA});
        assertArrayEquals(HexFormat.of().parseHex("5a5a45040c780d19a7"), readExactly(pair[0], 9));
    }

    @Test
    void thermometerIgnoresACommandWithABadChecksum() throws Exception {
        SimulatedThermometer t = new SimulatedThermometer(new ManualScheduler(new org.gridgate.timing.ManualClock(java.time.Instant.EPOCH)));
        PipeLink[] pair = PipeLink.pair("t");
        t.attach(pair[1]);
        t.present(36.5, 22.0);
        pair[0].write(new byte[] {(byte) 0xA5, 0x15, (byte) 0xBB, (byte) 0xA5, 0x15, (byte) 0xBA});
        byte[] frame = readExactly(pair[0], 9);
        // one answer (to the good command): object 36.50 = 0x0E42, ambient 22.00 = 0x0898
        assertArrayEquals(HexFormat.of().parseHex("5a5a45040e420898" + "ed"), frame);
    }

    @Test
    void scannerSendsTheCodeFollowedByItsTerminator() throws Exception {
        SimulatedScanner s = new SimulatedScanner(ScannerConfig.Terminator.CRLF);
        PipeLink[] pair = PipeLink.pair("s");
        s.attach(pair[1]);
        assertTrue(s.scan("GG1:AB"));
        assertArrayEquals(new byte[] {'G', 'G', '1', ':', 'A', 'B', '\r', '\n'}, readExactly(pair[0], 8));
    }
}
