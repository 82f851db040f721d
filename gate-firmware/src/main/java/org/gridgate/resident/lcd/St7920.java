package org.gridgate.resident.lcd;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.gridgate.timing.Scheduler;

/**
 * The ST7920 controller of a 128x64 "12864" LCD in serial mode (PSB tied low), driving its built-in
 * GB2312 font in text mode. Every byte goes out as a three-byte transfer: a sync byte ({@code F8}
 * instruction, {@code FA} data), then the byte's high nibble and low nibble each in the top half of a
 * byte. The controller needs time after each instruction (72 us; 1.6 ms after a clear): those waits
 * are scheduled, never slept, and a newer screen replaces whatever of an older one is still queued.
 */
public final class St7920 {
    static final byte SYNC_INSTRUCTION = (byte) 0xF8;
    static final byte SYNC_DATA = (byte) 0xFA;
    /** Row start addresses: the DDRAM is two 256-pixel lines folded into four 16-byte rows. */
    static final int[] ROW_ADDRESS = {0x80, 0x90, 0x88, 0x98};
    public static final int ROWS = 4;
    public static final int COLUMNS = 16;
    static final Duration INSTRUCTION_TIME = Duration.ofNanos(72_000);
    static final Duration CLEAR_TIME = Duration.ofNanos(1_600_000);
    /** After power-on the controller needs 40 ms before the first instruction. */
    static final Duration POWER_ON_TIME = Duration.ofMillis(40);

    /** The SPI link, as narrow as the driver needs it. */
    @FunctionalInterface
    public interface Bus {
        void write(byte[] bytes);
    }

    private sealed interface Step {}

    private record Transfer(byte[] bytes) implements Step {}

    private record Wait(Duration time) implements Step {}

    private final Bus bus;
    private final Scheduler scheduler;
    private final Deque<Step> queue = new ArrayDeque<>();
    private boolean running;
    private boolean initialised;

    public St7920(Bus bus, Scheduler scheduler) {
        this.bus = bus;
        this.scheduler = scheduler;
    }

    /** The three bytes that carry {@code b}: sync, high nibble, low nibble. */
    static byte[] frame(boolean data, int b) {
        return new byte[] {data ? SYNC_DATA : SYNC_INSTRUCTION, (byte) (b & 0xF0), (byte) ((b << 4) & 0xF0)};
    }

    /**
     * Shows four rows of exactly {@link #COLUMNS} GB2312 bytes each (see {@link LcdText}). The first call
     * initialises the controller (basic instruction set, display on, cursor off, clear, entry mode).
     */
    public synchronized void show(List<byte[]> rows) {
        if (rows.size() != ROWS || rows.stream().anyMatch(r -> r.length != COLUMNS)) {
            throw new IllegalArgumentException("the ST7920 text mode shows 4 rows of 16 bytes");
        }
        queue.clear(); // a newer screen: what of the older one is not out yet is stale
        if (!initialised) {
            initialised = true;
            queue.add(new Wait(POWER_ON_TIME));
            instruction(0x30, INSTRUCTION_TIME); // function set: 8-bit, basic instructions
            instruction(0x30, INSTRUCTION_TIME);
            instruction(0x0C, INSTRUCTION_TIME); // display on, cursor and blink off
            instruction(0x01, CLEAR_TIME); // clear
            instruction(0x06, INSTRUCTION_TIME); // entry mode: address increments
        }
        for (int r = 0; r < ROWS; r++) {
            instruction(ROW_ADDRESS[r], INSTRUCTION_TIME);
            for (byte b : rows.get(r)) {
                queue.add(new Transfer(frame(true, b & 0xFF)));
                queue.add(new Wait(INSTRUCTION_TIME));
            }
        }
        if (!running) {
            running = true;
            scheduler.schedule(Duration.ZERO, this::drain);
        }
    }

    private void instruction(int b, Duration time) {
        queue.add(new Transfer(frame(false, b)));
        queue.add(new Wait(time));
    }

    /** Writes until the next wait, then schedules itself after it. Runs on the scheduler's thread. */
    private void drain() {
        List<byte[]> out = new ArrayList<>();
        Duration wait = null;
        synchronized (this) {
            while (!queue.isEmpty() && wait == null) {
                switch (queue.poll()) {
                    case Transfer t -> out.add(t.bytes());
                    case Wait w -> wait = w.time();
                }
            }
            if (wait == null) {
                running = false;
            }
        }
        for (byte[] b : out) {
            bus.write(b);
        }
        if (wait != null) {
            scheduler.schedule(wait, this::drain);
        }
    }

    /** True while a screen is still being clocked out. */
    public synchronized boolean busy() {
        return running;
    }
}
