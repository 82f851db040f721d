package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NotifySocketAddressTest {
    private static byte[] family() {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) 1).array();
    }

    @Test
    void pathIsFamilyThenNulTerminatedPath() {
        NotifySocketAddress a = NotifySocketAddress.parse("/run/systemd/notify");
        byte[] sa = a.sockaddr();
        assertEquals(2 + "/run/systemd/notify".length() + 1, sa.length);
        assertArrayEquals(family(), Arrays.copyOfRange(sa, 0, 2));
        assertEquals("/run/systemd/notify", new String(sa, 2, sa.length - 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, sa[sa.length - 1]);
        assertFalse(a.isAbstract());
    }

    @Test
    void abstractNameStartsWithNulAndHasNoTerminator() {
        NotifySocketAddress a = NotifySocketAddress.parse("@gridgate/notify");
        byte[] sa = a.sockaddr();
        // Length is exactly family + NUL + name: one byte more would name a different socket.
        assertEquals(2 + 1 + "gridgate/notify".length(), sa.length);
        assertEquals(0, sa[2]);
        assertEquals('g', sa[3]);
        assertEquals('y', sa[sa.length - 1]);
        assertTrue(a.isAbstract());
        assertEquals("@gridgate/notify", a.text());
    }

    @Test
    void sockaddrIsACopy() {
        NotifySocketAddress a = NotifySocketAddress.parse("/x/y");
        a.sockaddr()[2] = 'z';
        assertEquals('/', a.sockaddr()[2]);
    }

    @Test
    void refusesWhatIsNotAPathOrAbstractName() {
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse(""));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse(null));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("run/notify"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("vsock:2:1234"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("/a\0b"));
    }

    @Test
    void refusesWhatDoesNotFitSunPath() {
        String path107 = "/" + "a".repeat(106); // 107 bytes + NUL = 108: fits exactly
        assertEquals(2 + 108, NotifySocketAddress.parse(path107).sockaddr().length);
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse(path107 + "a"));
        String abstract108 = "@" + "b".repeat(107); // NUL + 107 bytes = 108: fits exactly
        assertEquals(2 + 108, NotifySocketAddress.parse(abstract108).sockaddr().length);
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse(abstract108 + "b"));
    }
}
