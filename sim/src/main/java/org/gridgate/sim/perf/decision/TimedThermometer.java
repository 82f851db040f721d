package org.gridgate.sim.perf.decision;

import java.io.IOException;
import java.util.Arrays;
import org.gridgate.device.ByteLink;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;

/**
 * A GY-MCU90614 board in query mode on the device end of a pseudo-terminal that answers every
 * query at once and remembers when: the bench splits the decision latency into the part before the
 * gate's reading arrives and the part after it. Unlike the demo's board it never streams.
 */
final class TimedThermometer implements AutoCloseable {
    private static final byte[] QUERY = GyMcu90614Protocol.queryOnce();

    private final ByteLink link;
    private final Thread reader;
    private volatile byte[] frame = GyMcu90614Protocol.frame(22.0, 22.0);
    private volatile long querySeenNanos;
    private volatile long replyWrittenNanos;
    private volatile boolean closed;

    TimedThermometer(ByteLink link) {
        this.link = link;
        // A platform thread: a jSerialComm read blocks in native code (see LinkSession).
        this.reader = Thread.ofPlatform().daemon(true).name("bench-thermometer").unstarted(this::serve);
    }

    void start() {
        reader.start();
    }

    /** What the sensor sees from now on. */
    void present(double skinC, double ambientC) {
        frame = GyMcu90614Protocol.frame(skinC, ambientC);
    }

    /** When the last query arrived (System.nanoTime), 0 before the first. */
    long querySeenNanos() {
        return querySeenNanos;
    }

    /** Just before the answer to the last query was written into the pty (System.nanoTime). */
    long replyWrittenNanos() {
        return replyWrittenNanos;
    }

    private void serve() {
        byte[] buf = new byte[64];
        byte[] command = new byte[QUERY.length];
        int have = 0;
        try {
            while (!closed) {
                int n = link.read(buf);
                for (int i = 0; i < n; i++) {
                    if (have == 0 && buf[i] != QUERY[0]) {
                        continue; // resynchronise on the command start byte
                    }
                    command[have++] = buf[i];
                    if (have == command.length) {
                        have = 0;
                        if (Arrays.equals(command, QUERY)) {
                            answer();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the pty went away: the run is over
        }
    }

    private void answer() throws IOException {
        querySeenNanos = System.nanoTime();
        byte[] f = frame;
        replyWrittenNanos = System.nanoTime();
        link.write(f);
    }

    @Override
    public void close() {
        closed = true;
        link.close();
    }
}
