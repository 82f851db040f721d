package org.gridgate.sim.perf.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.gridgate.system.notify.NotifySocketAddress;

/**
 * The service manager's end of {@code sd_notify}: an {@code AF_UNIX}/{@code SOCK_DGRAM} socket in
 * the abstract namespace whose address goes into the daemon's {@code NOTIFY_SOCKET}. The JDK has no
 * Unix datagram channel (see the gate's own sender), so this binds through libc with JNA, the
 * library the gate already ships. Receiving never sleeps: it waits in {@code poll(2)}.
 */
final class NotifyReceiver implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLIN = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

        int poll(byte[] fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final NotifySocketAddress address;
    private int fd;

    /** Binds {@code @name}: no file to clean up, gone when closed. */
    NotifyReceiver(String name) throws IOException {
        address = NotifySocketAddress.parse("@" + name);
        LibC c = LibC.INSTANCE;
        fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            byte[] sa = address.sockaddr();
            c.bind(fd, sa, sa.length);
        } catch (LastErrorException e) {
            c.close(fd);
            throw new IOException("bind " + address + ": " + e.getMessage(), e);
        }
    }

    /** The value for the daemon's {@code NOTIFY_SOCKET}. */
    String address() {
        return address.text();
    }

    /** One datagram (one sd_notify call) as text, waiting up to {@code timeout}; empty if none came. */
    Optional<String> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LibC c = LibC.INSTANCE;
        while (true) {
            long left = Math.max(0, deadline - System.nanoTime());
            byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt(fd).putShort(POLLIN).putShort((short) 0).array();
            try {
                if (c.poll(pollfd, new NativeLong(1), (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)) == 0) {
                    return Optional.empty();
                }
                byte[] buf = new byte[4096];
                int n = c.recv(fd, buf, new NativeLong(buf.length), MSG_DONTWAIT).intValue();
                return Optional.of(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN || (e.getErrorCode() == EINTR && left == 0)) {
                    return Optional.empty();
                }
                if (e.getErrorCode() != EINTR) {
                    throw new IOException("receive on " + address + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Waits for a datagram carrying {@code READY=1}; false if none came before {@code timeout}. */
    boolean awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Optional<String> m = receive(Duration.ofNanos(left));
            if (m.isPresent() && m.get().lines().anyMatch(l -> l.equals("READY=1"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
            fd = -1;
        }
    }
}
