package org.gridgate.sim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.Outcome;
import org.gridgate.roster.Resident;
import org.gridgate.sim.Args;
import org.gridgate.sim.pass.PassCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a scenario file; every problem is reported as {@code FILE: path.to.field: what is wrong}. */
public final class ScenarioFile {
    private static final Set<String> PERSON = Set.of("subject", "colour", "kind", "valid", "expired", "forged", "code",
            "skin", "ambient", "mask", "direction");
    private static final Set<String> STEP_KINDS = Set.of("present", "assist", "mode", "open", "unplug", "replug",
            "broker", "delivered");

    /** A scenario that cannot be read; the message names file and field. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final String file;

    private ScenarioFile(String file) {
        this.file = file;
    }

    public static Scenario load(Path path) throws IOException, Invalid {
        return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Scenario parse(String name, String text) throws Invalid {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new Invalid(name + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        ScenarioFile f = new ScenarioFile(name);
        try {
            return f.scenario(f.map(root, "(top)", Set.of("name", "roster", "steps")));
        } catch (IllegalArgumentException e) {
            throw new Invalid(name + ": " + e.getMessage());
        }
    }

    private Scenario scenario(Map<String, Object> m) {
        List<Scenario.Member> roster = new ArrayList<>();
        List<?> r = list(m.get("roster"), "roster");
        for (int i = 0; i < r.size(); i++) {
            roster.add(member(map(r.get(i), "roster[" + i + "]",
                    Set.of("subject", "kind", "unit", "status", "validFrom", "validTo")), "roster[" + i + "]"));
        }
        List<Scenario.Step> steps = new ArrayList<>();
        List<?> s = list(m.get("steps"), "steps");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("steps: a scenario needs at least one step");
        }
        for (int i = 0; i < s.size(); i++) {
            steps.add(step(map(s.get(i), "steps[" + i + "]", null), "steps[" + i + "]", i + 1));
        }
        return new Scenario(string(m.getOrDefault("name", file), "name"), roster, steps);
    }

    private Scenario.Member member(Map<String, Object> m, String at) {
        String subject = string(require(m, "subject", at), at + ".subject");
        return new Scenario.Member(subject, enumOf(PersonKind.class, m.getOrDefault("kind", "resident"), at + ".kind"),
                string(m.getOrDefault("unit", "1-101"), at + ".unit"),
                enumOf(Resident.Status.class, m.getOrDefault("status", "normal"), at + ".status"),
                integer(m.getOrDefault("validFrom", -365), at + ".validFrom"),
                integer(m.getOrDefault("validTo", 365), at + ".validTo"));
    }

    private Scenario.Step step(Map<String, Object> m, String at, int number) {
        List<String> kinds = m.keySet().stream().filter(STEP_KINDS::contains).toList();
        if (kinds.size() != 1) {
            throw new IllegalArgumentException(at + ": a step needs exactly one of " + STEP_KINDS + ", has " + m.keySet());
        }
        String kind = kinds.get(0);
        for (String k : m.keySet()) {
            if (!k.equals(kind) && !k.equals("expect") && !(k.equals("repeat") && kind.equals("present"))) {
                throw new IllegalArgumentException(at + "." + k + ": unknown key");
            }
        }
        Scenario.Expect expect = m.containsKey("expect") ? expect(map(m.get("expect"), at + ".expect",
                Set.of("decision", "reasons", "alarm")), at + ".expect") : Scenario.Expect.NOTHING;
        Object v = m.get(kind);
        String where = at + "." + kind;
        String label = "step " + number + " " + kind;
        return switch (kind) {
            case "present" -> {
                Scenario.Person p = person(map(v, where, PERSON), where);
                int times = integer(m.getOrDefault("repeat", 1), at + ".repeat");
                if (times < 1) {
                    throw new IllegalArgumentException(at + ".repeat: must be 1 or more");
                }
                yield new Scenario.Step.Present(label + describe(p) + (times > 1 ? " x" + times : ""), p, times, expect);
            }
            case "assist" -> {
                Map<String, Object> a = map(v, where, union(PERSON, Set.of("volunteer")));
                String subject = string(require(a, "subject", where), where + ".subject");
                Scenario.Person p = person(a, where);
                yield new Scenario.Step.Assist(label + " " + subject,
                        string(a.getOrDefault("volunteer", "volunteer-1"), where + ".volunteer"), subject,
                        new Scenario.Person(Optional.empty(), p.skinC(), p.ambientC(), p.mask(), p.direction()), expect);
            }
            case "mode" -> new Scenario.Step.Mode(label + " " + v, enumOf(GateMode.class, v, where), expect);
            case "open" -> {
                Map<String, Object> o = map(v, where, Set.of("actor", "reason"));
                yield new Scenario.Step.Open(label, string(o.getOrDefault("actor", "volunteer-1"), where + ".actor"),
                        string(require(o, "reason", where), where + ".reason"), expect);
            }
            case "unplug" -> new Scenario.Step.Unplug(label + " " + v, string(v, where), expect);
            case "replug" -> new Scenario.Step.Replug(label + " " + v, string(v, where), expect);
            case "broker" -> {
                String s = string(v, where);
                if (!s.equals("up") && !s.equals("down")) {
                    throw new IllegalArgumentException(where + ": up or down, not '" + s + "'");
                }
                yield new Scenario.Step.Broker(label + " " + s, s.equals("up"), expect);
            }
            case "delivered" -> {
                if (!"all".equals(v)) {
                    throw new IllegalArgumentException(where + ": only 'all' is supported");
                }
                yield new Scenario.Step.Delivered(label, expect);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static String describe(Scenario.Person p) {
        return p.code().map(c -> switch (c) {
            case Scenario.Code.Pass pass -> " " + pass.subject() + " " + pass.colour().name().toLowerCase(Locale.ROOT)
                    + (pass.expired() ? " expired" : "") + (pass.forged() ? " forged" : "");
            case Scenario.Code.Raw raw -> " raw code";
        }).orElse("");
    }

    private Scenario.Person person(Map<String, Object> m, String at) {
        Optional<Scenario.Code> code = Optional.empty();
        if (m.containsKey("code")) {
            code = Optional.of(new Scenario.Code.Raw(string(m.get("code"), at + ".code")));
        } else if (m.containsKey("subject")) {
            code = Optional.of(new Scenario.Code.Pass(string(m.get("subject"), at + ".subject"),
                    PassCommand.colour(string(m.getOrDefault("colour", "green"), at + ".colour")),
                    enumOf(PersonKind.class, m.getOrDefault("kind", "resident"), at + ".kind"),
                    Args.duration(string(m.getOrDefault("valid", "10m"), at + ".valid")),
                    bool(m.getOrDefault("expired", false), at + ".expired"),
                    bool(m.getOrDefault("forged", false), at + ".forged")));
        }
        return new Scenario.Person(code, number(m.getOrDefault("skin", 36.4), at + ".skin"),
                number(m.getOrDefault("ambient", 22.0), at + ".ambient"), bool(m.getOrDefault("mask", true), at + ".mask"),
                enumOf(Direction.class, m.getOrDefault("direction", "entry"), at + ".direction"));
    }

    private Scenario.Expect expect(Map<String, Object> m, String at) {
        Optional<List<String>> reasons = Optional.empty();
        if (m.containsKey("reasons")) {
            List<String> rs = new ArrayList<>();
            List<?> l = list(m.get("reasons"), at + ".reasons");
            for (int i = 0; i < l.size(); i++) {
                rs.add(string(l.get(i), at + ".reasons[" + i + "]"));
            }
            reasons = Optional.of(rs);
        }
        return new Scenario.Expect(
                Optional.ofNullable(m.get("decision")).map(d -> enumOf(Outcome.class, d, at + ".decision")), reasons,
                Optional.ofNullable(m.get("alarm")).map(a -> string(a, at + ".alarm")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object o, String at, Set<String> allowed) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(at + ": expected a mapping");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String) || (allowed != null && !allowed.contains(k))) {
                throw new IllegalArgumentException(at + "." + k + ": unknown key" + (allowed == null ? ""
                        : " (expected one of " + new java.util.TreeSet<>(allowed) + ")"));
            }
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(Object o, String at) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(at + ": expected a list");
        }
        return l;
    }

    private static Object require(Map<String, Object> m, String key, String at) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(at + "." + key + ": required");
        }
        return v;
    }

    private static String string(Object o, String at) {
        if (o instanceof String || o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        throw new IllegalArgumentException(at + ": expected text");
    }

    private static double number(Object o, String at) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + ": expected a number, got '" + o + "'");
    }

    private static int integer(Object o, String at) {
        if (o instanceof Integer n) {
            return n;
        }
        throw new IllegalArgumentException(at + ": expected a whole number, got '" + o + "'");
    }

    private static boolean bool(Object o, String at) {
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(at + ": expected true or false, got '" + o + "'");
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object o, String at) {
        String s = string(o, at);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": '" + s + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }
}
