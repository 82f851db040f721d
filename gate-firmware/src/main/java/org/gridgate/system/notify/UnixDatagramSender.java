package org.gridgate.system.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;

/**
 * Sends one datagram to a Unix socket through libc, as {@code sd_notify(3)} does.
 *
 * <p>The JDK cannot do this: since JDK 16 {@code UnixDomainSocketAddress} works with stream
 * {@code SocketChannel}s only, and {@code DatagramChannel.open(StandardProtocolFamily.UNIX)} throws
 * {@code UnsupportedOperationException} (checked on JDK 25). The FFM API would do, but it is final
 * only from JDK 22 and we target 21, so JNA it is. A socket per message, like sd_notify: messages
 * are rare (a watchdog ping every few seconds) and nothing is left open to leak.
 */
final class UnixDatagramSender {
    /** Linux {@code SOCK_DGRAM} (2 on x86, ARM and AArch64; only MIPS differs). */
    private static final int SOCK_DGRAM = 2;
    /** Linux {@code SOCK_CLOEXEC}: the fd must not leak into any child process. */
    private static final int SOCK_CLOEXEC = 0x80000;
    /** Linux {@code MSG_NOSIGNAL}. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /**
     * Linux {@code MSG_DONTWAIT}: a Unix datagram send blocks while the receiver's queue is full,
     * and a gate loop must not hang on a service manager that stopped reading. EAGAIN instead.
     */
    private static final int MSG_DONTWAIT = 0x40;

    /** Loaded on first use: a gate without NOTIFY_SOCKET never touches native code. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private UnixDatagramSender() {}

    /**
     * Sends {@code message} as one datagram without blocking. Unix datagrams are reliable: the
     * kernel queues the whole message in the receiver's buffer before this returns, or fails.
     *
     * @throws IOException with the errno text if the socket is missing, refuses or is full (EAGAIN)
     */
    static void send(NotifySocketAddress to, byte[] message) throws IOException {
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
            long sent = c.sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL | MSG_DONTWAIT, addr,
                    addr.length).longValue();
            if (sent != message.length) {
                throw new IOException("short send to " + to + ": " + sent + " of " + message.length + " bytes");
            }
        } catch (LastErrorException e) {
            throw new IOException("sendto " + to + " failed: " + e.getMessage(), e);
        } finally {
            try {
                c.close(fd);
            } catch (LastErrorException ignored) {
                // close(2) on a datagram socket we only sent on has nothing left to report
            }
        }
    }
}
