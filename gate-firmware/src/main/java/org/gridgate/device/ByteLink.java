package org.gridgate.device;

import java.io.IOException;

/**
 * A byte pipe to a device: a serial port, a pseudo-terminal, or an in-process pipe to a simulated
 * device. Serial adapters are a byte link plus a pure frame parser.
 */
public interface ByteLink extends AutoCloseable {
    /**
     * Reads available bytes into {@code buf}, waiting at most the link's read timeout.
     *
     * @return the number of bytes read, 0 on timeout
     * @throws IOException when the device is gone (unplugged, closed)
     */
    int read(byte[] buf) throws IOException;

    void write(byte[] bytes) throws IOException;

    /** A name for messages: the port path. */
    String name();

    @Override
    void close();
}
