package org.gridgate.system.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Sends one datagram to a Unix socket through libc, as {@code sd_notify(3)} does.
 *
 * <p>The JDK cannot do this: since JDK 16 {@code UnixDomainSocketAddress} works with stream
 * {@code SocketChannel}s only, and {@code DatagramChannel.open(StandardProtocolFamily.UNIX)} throws
 * {@code UnsupportedOperationException} (checked on JDK 25). The FFM API would do, but it is final
 * only from JDK 22 and we target 21, so JNA it is. A socket per message, like sd_notify: messages
 * are rare (a watchdog ping every few seconds) and nothing is left open to leak.
 *
 * <p>A full receive queue (systemd busy at boot: the notify socket is shared by every service)
 * makes a plain send block, possibly forever if the manager is wedged. We connect the socket, so
 * that {@code poll(POLLOUT)} tracks the receiver's queue, and wait at most {@code queueWait} for
 * room: READY=1 survives a busy boot, and no caller hangs.
 */
final class UnixDatagramSender {
    /** Linux {@code SOCK_DGRAM} (2 on x86, ARM and AArch64; only MIPS differs). */
    private static final int SOCK_DGRAM = 2;
    /** Linux {@code SOCK_CLOEXEC}: the fd must not leak into any child process. */
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLOUT = 4;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /** Loaded on first use: a gate without NOTIFY_SOCKET never touches native code. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int connect(int fd, byte[] addr, int addrLen) throws LastErrorException;

        NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int poll(byte[] fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final NotifySocketAddress to;
    private final int queueWaitMillis;

    UnixDatagramSender(NotifySocketAddress to, Duration queueWait) {
        this.to = to;
        this.queueWaitMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, queueWait.toMillis()));
    }

    /**
     * Sends {@code message} as one datagram. Unix datagrams are reliable: once this returns, the
     * whole message is in the receiver's queue.
     *
     * @throws IOException with the errno text if the socket is missing or refuses, or if its queue
     *     stayed full for the whole wait
     */
    void send(byte[] message) throws IOException {
        LibC c;
        try {
            c = LibC.INSTANCE;
        } catch (LinkageError e) {
            throw new IOException("cannot load libc through JNA: " + e, e);
        }
        int fd;
        try {
            fd = c.socket(NotifySocketAddress.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed: " + e.getMessage(), e);
        }
        try {
            byte[] addr = to.sockaddr();
            c.connect(fd, addr, addr.length);
            if (!trySend(c, fd, message)) {
                if (!awaitRoom(c, fd) || !trySend(c, fd, message)) {
                    throw new IOException("notify socket " + to + " stayed full for " + queueWaitMillis + " ms");
                }
            }
        } catch (LastErrorException e) {
            throw new IOException("sending to " + to + " failed: " + e.getMessage(), e);
        } finally {
            try {
                c.close(fd);
            } catch (LastErrorException ignored) {
                // close(2) on a datagram socket we only sent on has nothing left to report
            }
        }
    }

    /** One non-blocking send: true if queued, false if the receiver's queue is full. */
    private static boolean trySend(LibC c, int fd, byte[] message) throws IOException {
        try {
            long sent = c.send(fd, message, new NativeLong(message.length), MSG_NOSIGNAL | MSG_DONTWAIT).longValue();
            if (sent != message.length) {
                throw new IOException("short send: " + sent + " of " + message.length + " bytes");
            }
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return false;
            }
            throw e;
        }
    }

    /** Waits in poll(2) until the connected peer's queue has room; false on timeout. */
    private boolean awaitRoom(LibC c, int fd) {
        long deadline = System.nanoTime() + queueWaitMillis * 1_000_000L;
        while (true) {
            long leftMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt(fd).putShort(POLLOUT).putShort((short) 0).array();
            try {
                return c.poll(pollfd, new NativeLong(1), (int) leftMillis) > 0;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR || leftMillis == 0) {
                    return false;
                }
            }
        }
    }
}
