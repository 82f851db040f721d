package org.gridgate.sim.perf.micro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journal bodies shaped like the gate's passage records (direction, outcome, every check, the
 * readings, the credential, a hashed and masked identity): the size and structure the journal
 * renders and commits for each decision. Made up front, so the benchmark times the journal, not this.
 */
public final class DecisionBodies {
    private final List<Map<String, Object>> bodies = new ArrayList<>();

    DecisionBodies(int variants) {
        for (int i = 0; i < variants; i++) {
            bodies.add(body(i));
        }
    }

    Map<String, Object> get(long i) {
        return bodies.get((int) (i % bodies.size()));
    }

    public static Map<String, Object> body(int i) {
        boolean fever = i % 7 == 3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", "entry");
        m.put("outcome", fever ? "denied" : "granted");
        m.put("reasons", fever ? List.of("fever") : List.of());
        List<Map<String, Object>> checks = new ArrayList<>();
        checks.add(check("identity", true, "registered", "resident"));
        checks.add(check("temperature", !fever, fever ? "fever" : "temperature_normal",
                fever ? "37.6 °C (skin 36.40, ambient 21.80)" : "36.6 °C (skin 35.40, ambient 21.80)"));
        checks.add(check("health_code", true, "code_green", "COMMUNITY_PASS"));
        checks.add(check("mask", true, "mask_present", ""));
        checks.add(check("movement", true, "movement_ok", ""));
        m.put("checks", checks);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("skinC", fever ? 36.4 : 35.4);
        t.put("ambientC", 21.8);
        t.put("bodyC", fever ? 37.6 : 36.6);
        m.put("temperature", t);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("format", "community_pass");
        c.put("colour", "green");
        c.put("personKind", "resident");
        c.put("issuerKid", "0102030405060708");
        c.put("expiresAt", "2026-05-01T07:45:00Z");
        m.put("credential", c);
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("hash", String.format("%064x", 0x9f2c4e1d7a3bL * (i + 1)));
        id.put("masked", "R-1" + "*".repeat(4) + (i % 10));
        m.put("identity", id);
        m.put("unit", "3-" + (1200 + i % 40));
        m.put("assistedBy", null);
        m.put("mode", "normal");
        return m;
    }

    private static Map<String, Object> check(String kind, boolean passed, String reason, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", kind);
        m.put("passed", passed);
        m.put("reason", reason);
        m.put("detail", detail);
        return m;
    }
}
