package org.gridgate.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's options: {@code --name value} pairs and bare {@code --flag}s. Unknown options and
 * options without their value are usage errors (IllegalArgumentException with a readable message).
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new java.util.ArrayList<>();

    private Args() {}

    public static Args parse(List<String> args, Set<String> withValue, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (withValue.contains(s)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(s + " needs a value");
                }
                a.values.put(s, args.get(++i));
            } else if (flags.contains(s)) {
                a.values.put(s, "true");
            } else if (s.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + s);
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}. */
    public static Duration duration(String text) {
        if (text.length() < 2) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 10m, 2h or 1d)");
        }
        long n;
        try {
            n = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 10m, 2h or 1d)");
        }
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 10m, 2h or 1d)");
        };
    }
}
