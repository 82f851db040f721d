package org.gridgate.system.probe;

import com.pi4j.context.Context;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.GateInput.Kind;
import org.gridgate.signals.gpio.GpioInputs;
import org.gridgate.timing.Scheduler;

/**
 * The wired inputs, tested by the technician's hand: for the door contact, the exit button and the
 * mask detector in turn, asks for the movement and waits (with a deadline) for the debounced edge
 * through the gate's own {@link GpioInputs}. A wiring fault (no pull, wrong pin, wrong activeLow)
 * shows as no edge, or as an input that reads "open" with the door shut.
 */
final class InputChecks {
    private InputChecks() {}

    static List<Outcome> run(Context ctx, GpioConfig config, Duration timeout, PrintStream out, Clock clock,
            Scheduler scheduler) throws InterruptedException {
        BlockingQueue<GateInput> edges = new LinkedBlockingQueue<>();
        GpioInputs inputs = new GpioInputs(ctx, config, clock, scheduler);
        inputs.start(edges::add);
        List<Outcome> results = new ArrayList<>();
        results.add(one(inputs, edges, Kind.DOOR_OPEN, config.door(), "open the door", "opened", timeout, out));
        results.add(one(inputs, edges, Kind.EXIT_REQUEST, config.exitButton(), "press the exit button", "pressed",
                timeout, out));
        results.add(one(inputs, edges, Kind.MASK_PRESENT, config.maskDetector(),
                "stand in front of the mask detector with a mask on", "saw a mask", timeout, out));
        inputs.close();
        return results;
    }

    private static Outcome one(GpioInputs inputs, BlockingQueue<GateInput> edges, Kind kind,
            Optional<GpioConfig.Input> cfg, String ask, String done, Duration timeout, PrintStream out)
            throws InterruptedException {
        String id = GpioInputs.ioId(kind);
        if (cfg.isEmpty()) {
            return Outcome.skip(id, "not in the config");
        }
        String pin = "GPIO " + cfg.get().pin();
        boolean before = inputs.isAsserted(kind);
        if (before) {
            out.println(id + ": reads " + state(kind, true) + " now (" + pin + "); " + release(kind) + " within "
                    + secs(timeout) + " s...");
            if (!await(edges, kind, false, timeout)) {
                return Outcome.fail(id, pin + " reads " + state(kind, true) + " and did not change: check the wiring "
                        + "and gpio." + key(kind) + ".activeLow");
            }
        }
        edges.clear();
        out.println(id + ": " + ask + " now (within " + secs(timeout) + " s)...");
        out.flush();
        if (await(edges, kind, true, timeout)) {
            boolean released = await(edges, kind, false, timeout);
            return Outcome.ok(id, pin + " " + done + (released ? ", then back" : ", still " + state(kind, true)));
        }
        return Outcome.fail(id, pin + " did not change within " + secs(timeout) + " s: check the wiring, the "
                + "pin number and gpio." + key(kind) + ".activeLow");
    }

    private static long secs(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    private static boolean await(BlockingQueue<GateInput> edges, Kind kind, boolean asserted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            GateInput e = edges.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.kind() == kind && e.asserted() == asserted) {
                return true;
            }
        }
    }

    private static String state(Kind kind, boolean asserted) {
        return switch (kind) {
            case DOOR_OPEN -> asserted ? "open" : "closed";
            case EXIT_REQUEST -> asserted ? "pressed" : "released";
            case MASK_PRESENT -> asserted ? "mask" : "no mask";
        };
    }

    private static String release(Kind kind) {
        return switch (kind) {
            case DOOR_OPEN -> "close the door";
            case EXIT_REQUEST -> "release the button";
            case MASK_PRESENT -> "step away from the detector";
        };
    }

    private static String key(Kind kind) {
        return switch (kind) {
            case DOOR_OPEN -> "door";
            case EXIT_REQUEST -> "exitButton";
            case MASK_PRESENT -> "maskDetector";
        };
    }
}
