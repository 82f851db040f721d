package org.gridgate.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.passage.Policy;

/**
 * The reload command: the file is read and validated again. An invalid file changes nothing. The
 * policy (and the thermometer's calibration, which the policy carries) is put in force at once;
 * changes to devices, storage, broker, credentials or console are reported as needing a restart
 * (the service manager's job), and the running gate keeps them as they were.
 */
final class Reload {
    /** What the reload did, and the config now in force. */
    record Outcome(String message, GateConfig inForce) {}

    private Reload() {}

    /** @throws IllegalStateException with the first problem when the file is not valid */
    static Outcome apply(GateConfig running, Consumer<Policy> putInForce) {
        GateConfig fresh;
        try {
            fresh = ConfigLoader.load(running.source());
        } catch (ConfigException e) {
            throw new IllegalStateException("config not valid (" + e.problems().size() + " problem(s)), first: "
                    + e.problems().get(0) + "; running config kept");
        }
        List<String> restart = new ArrayList<>();
        diff(restart, "gate", running.gate(), fresh.gate());
        diff(restart, "storage", running.storage(), fresh.storage());
        diff(restart, "thermometer", uncalibrated(running.thermometer()), uncalibrated(fresh.thermometer()));
        diff(restart, "scanners", running.scanners(), fresh.scanners());
        diff(restart, "gpio", running.gpio(), fresh.gpio());
        diff(restart, "mqtt", running.mqtt(), fresh.mqtt());
        diff(restart, "credentials", running.credentials(), fresh.credentials());
        diff(restart, "console", running.console(), fresh.console());
        diff(restart, "maskLine", running.maskLine(), fresh.maskLine());
        Policy before = Policy.from(running);
        Policy after = Policy.from(fresh);
        GateConfig inForce = running;
        List<String> said = new ArrayList<>();
        if (!before.equals(after)) {
            putInForce.accept(after);
            ThermometerConfig t = running.thermometer();
            ThermometerConfig calibrated = new ThermometerConfig(t.id(), t.model(), t.transport(), t.port(), t.baud(),
                    t.mode(), t.i2cBus(), t.i2cAddress(), fresh.thermometer().offsetC(), fresh.thermometer().k(),
                    t.frameTimeout(), t.pollInterval());
            inForce = running.withPolicy(fresh.policy()).withDevices(calibrated, running.scanners());
            said.add("policy applied");
        }
        if (!restart.isEmpty()) {
            said.add("restart needed to apply changes to " + String.join(", ", restart));
        }
        return new Outcome(said.isEmpty() ? "config valid and unchanged" : "config valid; " + String.join("; ", said),
                inForce);
    }

    /** The thermometer section without its calibration, which the policy carries and a reload applies. */
    private static ThermometerConfig uncalibrated(ThermometerConfig t) {
        return new ThermometerConfig(t.id(), t.model(), t.transport(), t.port(), t.baud(), t.mode(), t.i2cBus(),
                t.i2cAddress(), 0, 0, t.frameTimeout(), t.pollInterval());
    }

    private static void diff(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name);
        }
    }
}
