package org.gridgate.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gridgate.system.notify.NotifySocketAddress;

/**
 * A stand-in for systemd's notification socket: a bound {@code AF_UNIX}/{@code SOCK_DGRAM} socket
 * whose {@link #address()} goes into {@code NOTIFY_SOCKET}. Each {@link #receive} returns one
 * datagram, i.e. one {@code sd_notify} call, as text.
 *
 * <p>A Unix datagram is in the receive queue when the sender's {@code sendto} returns, so after an
 * in-process send {@link #poll()} (no wait) is exact; a child process (the real jar) needs {@link
 * #receive(Duration)}, which blocks in {@code poll(2)} up to the timeout, never sleeps.
 *
 * <p>The one service-manager end for every module: gate-firmware's tests and the sim's benchmarks
 * (which start the real daemon jar and wait for its READY) use this class. The JDK has no Unix
 * datagram channel, so it binds through libc with JNA, which the gate already ships; no JUnit here.
 */
public final class FakeNotifySocket implements AutoCloseable {
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
    private final Path path;
    private int fd;

    private FakeNotifySocket(NotifySocketAddress address, Path path) throws IOException {
        this.address = address;
        this.path = path;
        LibC c = LibC.INSTANCE;
        fd = c.socket(1, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            byte[] sa = address.sockaddr();
            c.bind(fd, sa, sa.length);
        } catch (LastErrorException e) {
            c.close(fd);
            throw new IOException("bind " + address + ": " + e.getMessage(), e);
        }
    }

    /** Binds a filesystem socket at {@code path} (which must not exist; keep it under 107 bytes). */
    public static FakeNotifySocket bind(Path path) throws IOException {
        return new FakeNotifySocket(NotifySocketAddress.parse(path.toAbsolutePath().toString()), path);
    }

    /** Binds {@code @name} in the abstract namespace: no file, gone when closed. */
    public static FakeNotifySocket bindAbstract(String name) throws IOException {
        return new FakeNotifySocket(NotifySocketAddress.parse("@" + name), null);
    }

    /** The value for {@code NOTIFY_SOCKET}. */
    public String address() {
        return address.text();
    }

    /** One datagram already queued, or empty; never waits. */
    public Optional<String> poll() throws IOException {
        return receive(Duration.ZERO);
    }

    /** One datagram, waiting up to {@code timeout} for it; empty if none came. */
    public Optional<String> receive(Duration timeout) throws IOException {
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
                byte[] buf = new byte[8192];
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

    /** The next datagram, or an {@link AssertionError} naming what was expected. */
    public String expect(Duration timeout, String what) throws IOException {
        return receive(timeout).orElseThrow(() -> new AssertionError(
                "no notification (" + what + ") on " + address + " within " + timeout));
    }

    /** Waits for a datagram carrying {@code READY=1}, passing over others; false if none came in time. */
    public boolean awaitReady(Duration timeout) throws IOException {
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
    public void close() throws IOException {
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
            fd = -1;
        }
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }
}
