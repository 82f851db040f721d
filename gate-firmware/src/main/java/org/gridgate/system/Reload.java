package org.gridgate.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;

/**
 * The reload command, kept honest: the file is read and validated again, and the answer says
 * whether it is invalid, unchanged, or valid with which sections changed. Applying a change needs a
 * restart (the service manager's job); the running gate keeps its config.
 */
final class Reload {
    private Reload() {}

    /** @throws IllegalStateException with the first problem when the file is not valid */
    static String check(GateConfig running) {
        GateConfig fresh;
        try {
            fresh = ConfigLoader.load(running.source());
        } catch (ConfigException e) {
            throw new IllegalStateException("config not valid (" + e.problems().size() + " problem(s)), first: "
                    + e.problems().get(0) + "; running config kept");
        }
        List<String> changed = new ArrayList<>();
        diff(changed, "gate", running.gate(), fresh.gate());
        diff(changed, "storage", running.storage(), fresh.storage());
        diff(changed, "policy", running.policy(), fresh.policy());
        diff(changed, "thermometer", running.thermometer(), fresh.thermometer());
        diff(changed, "scanners", running.scanners(), fresh.scanners());
        diff(changed, "gpio", running.gpio(), fresh.gpio());
        diff(changed, "mqtt", running.mqtt(), fresh.mqtt());
        diff(changed, "credentials", running.credentials(), fresh.credentials());
        return changed.isEmpty() ? "config valid and unchanged"
                : "config valid; restart needed to apply changes to " + String.join(", ", changed);
    }

    private static void diff(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name);
        }
    }
}
