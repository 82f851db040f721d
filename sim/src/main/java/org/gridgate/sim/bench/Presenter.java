package org.gridgate.sim.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.passage.Decision;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;

/**
 * Presents people to an in-process gate through its simulated devices, the way a person would:
 * mask on, face to the sensor, code to the scanner; then waits for the gate's decision and steps
 * away again.
 */
public final class Presenter {
    /** Longer than any passage window: a gate that says nothing this long is stuck. */
    public static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);

    private final BenchGate gate;
    private final SimulatedThermometer thermometer;
    private final Map<Direction, SimulatedScanner> scanners;

    public Presenter(BenchGate gate, SimulatedThermometer thermometer, Map<Direction, SimulatedScanner> scanners) {
        this.gate = gate;
        this.thermometer = thermometer;
        this.scanners = Map.copyOf(scanners);
    }

    /** The decision for {@code v}, who scans the code; IOException when the gate is stuck or unreachable. */
    public Decision present(Visit v) throws IOException, InterruptedException {
        String code = v.code().orElseThrow(() -> new IllegalArgumentException("a visit to present needs a code"));
        SimulatedScanner scanner = scanners.get(v.direction());
        if (scanner == null) {
            throw new IOException("no simulated " + v.direction().name().toLowerCase() + " scanner in the config");
        }
        approach(v);
        try {
            if (!scanner.scan(code)) {
                throw new IOException("the gate has not opened the " + v.direction().name().toLowerCase()
                        + " scanner's port");
            }
            return await();
        } finally {
            leave();
        }
    }

    /** A volunteer vouches for {@code subject}; the thermometer and mask detector still see {@code v}. */
    public Decision assist(String volunteer, String subject, Visit v) throws IOException, InterruptedException {
        approach(v);
        try {
            gate.control().assistedPass(volunteer, subject, org.gridgate.scanner.Directions.of(v.direction()));
            return await();
        } finally {
            leave();
        }
    }

    private void approach(Visit v) {
        gate.input(GateInput.Kind.MASK_PRESENT, v.mask());
        thermometer.present(v.skinC(), v.ambientC());
    }

    private void leave() {
        thermometer.absent();
        gate.input(GateInput.Kind.MASK_PRESENT, false);
    }

    private Decision await() throws IOException, InterruptedException {
        Optional<Decision> d = gate.awaitDecision(DECISION_TIMEOUT);
        return d.orElseThrow(() -> new IOException("no decision within " + DECISION_TIMEOUT.toSeconds() + " s"));
    }
}
