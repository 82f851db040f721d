package org.gridgate.scanner.evdev;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.gridgate.device.ByteLink;

/**
 * An input device node read through libc (JNA). Not a FileChannel: the grab (EVIOCGRAB) belongs to
 * the open file description, so it must be issued on the very descriptor we read, and the JDK does
 * not expose a channel's descriptor. Reads wait in poll(2) at most {@link #READ_TIMEOUT_MS}, so a
 * close is never stuck behind a read; the descriptor is only closed while no read is using it.
 */
final class EvdevLink implements ByteLink {
    static final int READ_TIMEOUT_MS = 100;
    /** _IOW('E', 0x90, int) */
    static final long EVIOCGRAB = 0x40044590L;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POLLIN = 1;
    private static final int POLLERR_HUP_NVAL = 0x08 | 0x10 | 0x20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request, int arg) throws LastErrorException;

        int poll(byte[] fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

        NativeLong read(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final String path;
    private final int fd;
    private final ReentrantLock inUse = new ReentrantLock();
    private volatile boolean closed;

    private EvdevLink(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens the device and, if asked, grabs it so its keystrokes reach no console or other reader.
     *
     * @throws IOException with the errno text if the node is missing or unreadable, or if the grab fails (another process
     *     holds it, or the node is not an input device)
     */
    static EvdevLink open(String path, boolean grab) throws IOException {
        LibC c = libc();
        int fd;
        try {
            fd = c.open(path, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(e.getMessage(), e); // the session says which path it could not open
        }
        if (grab) {
            try {
                c.ioctl(fd, new NativeLong(EVIOCGRAB), 1);
            } catch (LastErrorException e) {
                c.close(fd);
                throw new IOException("cannot grab " + path + " (EVIOCGRAB): " + e.getMessage()
                        + (e.getErrorCode() == 16 ? " - another process has grabbed it" : ""), e);
            }
        }
        return new EvdevLink(path, fd);
    }

    private static LibC libc() throws IOException {
        try {
            return LibC.INSTANCE;
        } catch (LinkageError e) {
            throw new IOException("cannot load libc through JNA: " + e, e);
        }
    }

    @Override
    public int read(byte[] buf) throws IOException {
        inUse.lock();
        try {
            if (closed) {
                throw new IOException(path + " closed");
            }
            byte[] pollfd = {(byte) fd, (byte) (fd >> 8), (byte) (fd >> 16), (byte) (fd >> 24), POLLIN, 0, 0, 0};
            int ready = LibC.INSTANCE.poll(pollfd, new NativeLong(1), READ_TIMEOUT_MS);
            if (ready == 0) {
                return 0;
            }
            int revents = (pollfd[6] & 0xFF) | (pollfd[7] & 0xFF) << 8;
            long n = LibC.INSTANCE.read(fd, buf, new NativeLong(buf.length)).longValue();
            if (n == 0 && (revents & POLLERR_HUP_NVAL) != 0) {
                throw new IOException(path + " hung up");
            }
            return (int) n;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) {
                return 0;
            }
            throw new IOException(path + ": " + e.getMessage(), e); // ENODEV: unplugged
        } finally {
            inUse.unlock();
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        throw new IOException(path + ": a keyboard scanner takes no commands");
    }

    @Override
    public String name() {
        return path;
    }

    /** Waits for a read in progress (at most one poll timeout), then releases grab and descriptor. */
    @Override
    public void close() {
        inUse.lock();
        try {
            if (!closed) {
                closed = true;
                LibC.INSTANCE.close(fd); // closing also ends the grab
            }
        } catch (LastErrorException e) {
            // nothing to do: the descriptor is gone either way
        } finally {
            inUse.unlock();
        }
    }
}
