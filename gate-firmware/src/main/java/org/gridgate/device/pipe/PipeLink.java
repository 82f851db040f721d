package org.gridgate.device.pipe;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.device.ByteLink;

/**
 * One end of an in-process byte pipe: the simulator plays a device on one end, the gate's real
 * serial adapter reads the other. Closing either end makes the other's reads fail, like an unplug.
 */
public final class PipeLink implements ByteLink {
    private static final byte[] EOF = new byte[0];
    private final String name;
    private final LinkedBlockingQueue<byte[]> incoming;
    private final LinkedBlockingQueue<byte[]> outgoing;
    private final long timeoutMs;
    private byte[] pending;
    private int pendingOffset;
    private volatile boolean closed;

    private PipeLink(String name, LinkedBlockingQueue<byte[]> in, LinkedBlockingQueue<byte[]> out, long timeoutMs) {
        this.name = name;
        this.incoming = in;
        this.outgoing = out;
        this.timeoutMs = timeoutMs;
    }

    /** Two connected ends: {@code [0]} for the gate, {@code [1]} for the device. */
    public static PipeLink[] pair(String name) {
        LinkedBlockingQueue<byte[]> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> b = new LinkedBlockingQueue<>();
        return new PipeLink[] {new PipeLink(name, a, b, 100), new PipeLink(name + "#device", b, a, 100)};
    }

    @Override
    public int read(byte[] buf) throws IOException {
        if (closed) {
            throw new IOException(name + " closed");
        }
        if (pending == null) {
            try {
                pending = incoming.poll(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(name + " interrupted", e);
            }
            pendingOffset = 0;
            if (pending == null) {
                return 0;
            }
        }
        if (pending == EOF) {
            closed = true;
            throw new IOException(name + ": other end closed");
        }
        int n = Math.min(buf.length, pending.length - pendingOffset);
        System.arraycopy(pending, pendingOffset, buf, 0, n);
        pendingOffset += n;
        if (pendingOffset == pending.length) {
            pending = null;
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (closed) {
            throw new IOException(name + " closed");
        }
        if (bytes.length > 0) {
            outgoing.add(bytes.clone());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outgoing.add(EOF);
        }
    }
}
