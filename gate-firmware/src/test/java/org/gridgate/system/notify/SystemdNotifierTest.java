package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridgate.system.ServiceManager;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {
    private final List<String> sent = new ArrayList<>();
    private final SystemdNotifier notifier =
            new SystemdNotifier("test", m -> sent.add(new String(m, StandardCharsets.UTF_8)));

    @Test
    void framesEachCallAsOneDatagramOfAssignments() {
        notifier.ready("gate-01 open for passage");
        notifier.status("journal 3 behind");
        notifier.watchdog();
        notifier.stopping("shutting down: SIGTERM");
        assertEquals(List.of(
                "READY=1\nSTATUS=gate-01 open for passage",
                "STATUS=journal 3 behind",
                "WATCHDOG=1",
                "STOPPING=1\nSTATUS=shutting down: SIGTERM"), sent);
    }

    @Test
    void statusCannotSmuggleInAnotherAssignment() {
        notifier.status("scanner says\nREADY=1\r\nWATCHDOG=1");
        assertEquals(List.of("STATUS=scanner says READY=1  WATCHDOG=1"), sent);
    }

    @Test
    void statusIsCappedAndNullIsEmpty() {
        notifier.status("x".repeat(10_000));
        notifier.status(null);
        assertEquals("STATUS=" + "x".repeat(SystemdNotifier.MAX_STATUS_CHARS), sent.get(0));
        assertEquals("STATUS=", sent.get(1));
    }

    @Test
    void capDoesNotSplitASurrogatePair() {
        String s = "x".repeat(SystemdNotifier.MAX_STATUS_CHARS - 1) + "\uD83D\uDEAA"; // door emoji straddles the cap
        assertEquals("x".repeat(SystemdNotifier.MAX_STATUS_CHARS - 1), SystemdNotifier.oneLine(s));
        assertEquals("温度 37.3 °C", SystemdNotifier.oneLine("温度 37.3 °C"));
    }

    @Test
    void failuresNeverEscapeAndAreCounted() {
        int[] calls = {0};
        SystemdNotifier broken = new SystemdNotifier("broken", m -> {
            calls[0]++;
            if (calls[0] == 1) {
                throw new IOException("ENOENT");
            }
            if (calls[0] == 2) {
                throw new UnsatisfiedLinkError("no libc");
            }
            throw new IllegalStateException("boom");
        });
        broken.ready("up");
        broken.watchdog();
        broken.stopping("down");
        assertEquals(3, calls[0]);
        assertEquals(3, broken.failures());
    }

    @Test
    void withoutNotifySocketThereIsNoManager() {
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of()));
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", " ")));
        assertSame(ServiceManager.NONE, SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:999")));
        ServiceManager sm = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"));
        assertInstanceOf(SystemdNotifier.class, sm);
        assertEquals("SystemdNotifier[/run/systemd/notify]", sm.toString());
    }
}
