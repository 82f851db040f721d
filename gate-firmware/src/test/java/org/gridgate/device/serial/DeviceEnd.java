package org.gridgate.device.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * The test's side of a pseudo-terminal pair: reads on its own thread (native reads pin virtual ones) and hands each chunk to a
 * handler that may answer; stops on its own when the pty vanishes.
 */
public final class DeviceEnd implements AutoCloseable {
    private final JSerialCommLink link;
    public final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private DeviceEnd(JSerialCommLink link) {
        this.link = link;
    }

    public static DeviceEnd open(Path pty, int baud, BiConsumer<byte[], DeviceEnd> onBytes) throws IOException {
        DeviceEnd d = new DeviceEnd(JSerialCommLink.open(pty.toString(), baud));
        Thread.ofPlatform().daemon().name("device-" + pty.getFileName()).start(() -> {
            byte[] buf = new byte[256];
            while (!d.closed) {
                try {
                    int n = d.link.read(buf);
                    if (n > 0) {
                        byte[] got = java.util.Arrays.copyOf(buf, n);
                        d.received.add(got);
                        onBytes.accept(got, d);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        return d;
    }

    /** Writes, ignoring a vanished pty (the test unplugged it). */
    public boolean send(byte[] bytes) {
        try {
            link.write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        link.close();
    }
}
