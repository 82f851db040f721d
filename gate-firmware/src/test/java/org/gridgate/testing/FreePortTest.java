package org.gridgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int p = FreePort.find();
            assertTrue(p < FreePort.ephemeralStart(), () -> p + " is in the ephemeral range");
            ports.add(p);
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(p, s.getLocalPort());
            }
        }
        assertEquals(64, ports.size(), "no port handed out twice");
    }
}
