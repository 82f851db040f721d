package org.gridgate.passage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The journal body of a passage: every check, the readings, the credential, and no clear identity. */
public final class PassageRecords {
    private PassageRecords() {}

    public static Map<String, Object> body(Decision d, Pseudonyms pseudonyms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", lower(d.direction()));
        m.put("outcome", lower(d.outcome()));
        m.put("reasons", d.denialReasons().stream().map(Reason::code).toList());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Check c : d.checks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("check", lower(c.kind()));
            cm.put("passed", c.passed());
            cm.put("reason", c.reason().code());
            cm.put("detail", c.detail());
            checks.add(cm);
        }
        m.put("checks", checks);
        m.put("temperature", d.temperature().map(t -> {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("skinC", round2(t.skinC()));
            tm.put("ambientC", round2(t.ambientC()));
            tm.put("bodyC", round2(t.bodyC()));
            return (Object) tm;
        }).orElse(null));
        m.put("credential", d.credential().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("format", lower(c.format()));
            cm.put("colour", lower(c.colour()));
            cm.put("personKind", lower(c.personKind()));
            cm.put("issuerKid", c.issuerKid());
            cm.put("expiresAt", c.expiresAt().toString());
            return (Object) cm;
        }).orElse(null));
        m.put("identity", d.subject().map(s -> {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("hash", pseudonyms.hash(s));
            im.put("masked", pseudonyms.mask(s));
            return (Object) im;
        }).orElse(null));
        m.put("unit", d.unit().orElse(null));
        m.put("assistedBy", d.assistedBy().orElse(null));
        m.put("mode", lower(d.mode()));
        return m;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
