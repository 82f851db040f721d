package org.gridgate.sim.devices;

import java.io.IOException;
import java.time.Duration;
import org.gridgate.device.ByteLink;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;
import org.gridgate.timing.Scheduler;

/**
 * Plays a GY-MCU90614 board on the device end of a byte link: answers {@code A5 15 BA} with one
 * frame, and after {@code A5 45 EA} streams a frame every {@link #STREAM_PERIOD}. What it reads is
 * whatever the bench set: a person's skin temperature, or the room when nobody is there.
 */
public final class SimulatedThermometer implements DeviceEnd {
    static final Duration STREAM_PERIOD = Duration.ofMillis(100);

    private final Scheduler scheduler;
    private volatile double objectC = 22.0;
    private volatile double ambientC = 22.0;
    private volatile ByteLink link;
    private volatile boolean streaming;
    private volatile boolean mute;
    private final byte[] command = new byte[3];
    private int commandLength;

    public SimulatedThermometer(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Someone stands in front of the sensor. */
    public void present(double skinC, double ambient) {
        objectC = skinC;
        ambientC = ambient;
    }

    /** Nobody there: the sensor sees the room. */
    public void absent() {
        objectC = ambientC;
    }

    /** A broken board: keeps the port open but stops answering. */
    public void mute(boolean mute) {
        this.mute = mute;
    }

    @Override
    public void attach(ByteLink link) {
        this.link = link;
        streaming = false;
        commandLength = 0;
        // A platform thread: a jSerialComm read blocks in native code and would pin a virtual
        // thread's carrier, starving the gate's own (virtual) device readers in the same process.
        Thread.ofPlatform().daemon(true).name("sim-thermometer").start(() -> serve(link));
    }

    private void serve(ByteLink l) {
        byte[] buf = new byte[64];
        try {
            while (link == l) {
                int n = l.read(buf);
                for (int i = 0; i < n; i++) {
                    command(buf[i]);
                }
            }
        } catch (IOException e) {
            // the gate closed its end: wait for the next attach
        }
    }

    private void command(byte b) {
        if (commandLength == 0 && (b & 0xFF) != 0xA5) {
            return; // resynchronise on the command start byte
        }
        command[commandLength++] = b;
        if (commandLength < 3) {
            return;
        }
        commandLength = 0;
        if ((((command[0] & 0xFF) + (command[1] & 0xFF)) & 0xFF) != (command[2] & 0xFF)) {
            return; // the board ignores a command with a bad checksum
        }
        switch (command[1]) {
            case 0x15 -> send();
            case 0x45 -> {
                if (!streaming) {
                    streaming = true;
                    tick(link);
                }
            }
            default -> { }
        }
    }

    private void tick(ByteLink l) {
        if (link != l || !streaming) {
            return;
        }
        send();
        scheduler.schedule(STREAM_PERIOD, () -> tick(l));
    }

    private void send() {
        ByteLink l = link;
        if (l == null || mute) {
            return;
        }
        try {
            l.write(GyMcu90614Protocol.frame(objectC, ambientC));
        } catch (IOException e) {
            // unplugged meanwhile
        }
    }

    @Override
    public void detach() {
        ByteLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }
}
