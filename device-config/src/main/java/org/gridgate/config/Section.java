package org.gridgate.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A typed view of one YAML mapping that records problems instead of throwing, so one run of the
 * loader reports everything wrong with a file. Every key read is remembered; {@link #finish()}
 * reports the keys nobody asked for as unknown.
 */
final class Section {
    private final Problems problems;
    private final String path;
    private final int line;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();
    private final Set<String> read = new java.util.HashSet<>();

    private Section(Problems problems, String path, int line) {
        this.problems = problems;
        this.path = path;
        this.line = line;
    }

    static Section of(Problems problems, String path, Node node) {
        Section s = new Section(problems, path, lineOf(node));
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    if (s.entries.containsKey(k.getValue())) {
                        problems.add(lineOf(k), s.child(k.getValue()), "duplicate key");
                    }
                    s.entries.put(k.getValue(), t.getValueNode());
                    s.keyLines.put(k.getValue(), lineOf(k));
                } else {
                    problems.add(lineOf(t.getKeyNode()), path, "keys must be plain words");
                }
            }
        } else if (node != null) {
            problems.add(lineOf(node), path, "must be a mapping of keys to values");
        }
        return s;
    }

    static Section empty(Problems problems, String path, int line) {
        return new Section(problems, path, line);
    }

    static int lineOf(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    int lineOfKey(String key) {
        return keyLines.getOrDefault(key, line);
    }

    void problem(String key, String message) {
        problems.add(lineOfKey(key), child(key), message);
    }

    private Optional<ScalarNode> scalar(String key, boolean required) {
        read.add(key);
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            if (required) {
                problems.add(line, child(key), "missing required field");
            }
            return Optional.empty();
        }
        if (n instanceof ScalarNode s) {
            return Optional.of(s);
        }
        problems.add(lineOf(n), child(key), "must be a single value, not a list or mapping");
        return Optional.empty();
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    Optional<String> optString(String key) {
        return scalar(key, false).map(ScalarNode::getValue);
    }

    String string(String key) {
        return scalar(key, true).map(ScalarNode::getValue).orElse("");
    }

    String string(String key, String fallback) {
        return optString(key).orElse(fallback);
    }

    /** {@code value} resolved against {@code base}; a name no file can have (a NUL in it) is a problem at {@code key}. */
    Path resolve(String key, String value, Path base) {
        try {
            return base.resolve(value);
        } catch (InvalidPathException e) {
            problem(key, "not a usable file path: " + e.getReason());
            return base;
        }
    }

    Optional<BigDecimal> optDecimal(String key, double min, double max) {
        return scalar(key, false).flatMap(s -> {
            try {
                BigDecimal v = new BigDecimal(s.getValue().trim());
                if (v.doubleValue() < min || v.doubleValue() > max) {
                    problems.add(lineOf(s), child(key), "must be between " + fmt(min) + " and " + fmt(max)
                            + ", got " + s.getValue());
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (NumberFormatException e) {
                problems.add(lineOf(s), child(key), "must be a number, got '" + s.getValue() + "'");
                return Optional.empty();
            }
        });
    }

    double decimal(String key, double fallback, double min, double max) {
        return optDecimal(key, min, max).map(BigDecimal::doubleValue).orElse(fallback);
    }

    Optional<Long> optInteger(String key, long min, long max) {
        return scalar(key, false).flatMap(s -> {
            String raw = s.getValue().trim();
            try {
                long v = raw.startsWith("0x") || raw.startsWith("0X")
                        ? Long.parseLong(raw.substring(2), 16) : Long.parseLong(raw);
                if (v < min || v > max) {
                    problems.add(lineOf(s), child(key), "must be between " + min + " and " + max + ", got " + raw);
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (NumberFormatException e) {
                problems.add(lineOf(s), child(key), "must be a whole number, got '" + raw + "'");
                return Optional.empty();
            }
        });
    }

    long integer(String key, long fallback, long min, long max) {
        return optInteger(key, min, max).orElse(fallback);
    }

    int requiredInt(String key, long min, long max) {
        if (!has(key)) {
            read.add(key);
            problems.add(line, child(key), "missing required field");
            return (int) min;
        }
        return (int) integer(key, min, min, max);
    }

    boolean bool(String key, boolean fallback) {
        return scalar(key, false).map(s -> {
            String v = s.getValue().trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> {
                    problems.add(lineOf(s), child(key), "must be true or false, got '" + s.getValue() + "'");
                    yield fallback;
                }
            };
        }).orElse(fallback);
    }

    /** Reads a value from a fixed set of words (case-insensitive, '-' and '_' alike). */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback, boolean required) {
        Optional<ScalarNode> s = scalar(key, required);
        if (s.isEmpty()) {
            return fallback;
        }
        String want = s.get().getValue().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(want)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.add(lineOf(s.get()), child(key), "must be one of " + String.join(", ", names)
                + ", got '" + s.get().getValue() + "'");
        return fallback;
    }

    Optional<Section> optSection(String key) {
        read.add(key);
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            return Optional.empty();
        }
        return Optional.of(Section.of(problems, child(key), n));
    }

    Section section(String key) {
        return optSection(key).orElseGet(() -> {
            problems.add(line, child(key), "missing required section");
            return Section.empty(problems, child(key), line);
        });
    }

    /** A section that may be absent; its fields then take their defaults. */
    Section sectionOrEmpty(String key) {
        return optSection(key).orElseGet(() -> Section.empty(problems, child(key), line));
    }

    <T> List<T> list(String key, Function<Section, T> element) {
        read.add(key);
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            problems.add(lineOf(n), child(key), "must be a list");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            Section s = Section.of(problems, child(key) + "[" + i++ + "]", item);
            out.add(element.apply(s));
            s.finish();
        }
        return out;
    }

    List<String> strings(String key) {
        read.add(key);
        Node n = entries.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(n instanceof SequenceNode seq)) {
            problems.add(lineOf(n), child(key), "must be a list of values");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(s.getValue());
            } else {
                problems.add(lineOf(item), child(key), "list items must be single values");
            }
        }
        return out;
    }

    /** Reports every key present but never read as unknown. Call once all fields are read. */
    void finish() {
        for (String key : entries.keySet()) {
            if (!read.contains(key)) {
                problems.add(keyLines.get(key), child(key), "unknown key" + Spelling.suggest(key, read));
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
