package org.gridgate.system.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What device nodes the machine has, for the technician: serial ports, I2C buses, GPIO chips with
 * their labels (a Pi 5's header is the chip labelled {@code pinctrl-rp1}, whatever its number) and
 * input devices by id. Reads below a root directory so tests can hand it a fake tree.
 */
final class Inventory {
    /** One line of the listing. */
    record Item(String kind, String path, String detail) {
        @Override
        public String toString() {
            return String.format("  %-6s %s%s", kind, path, detail.isEmpty() ? "" : "  (" + detail + ")");
        }
    }

    private static final Pattern CHIP = Pattern.compile("gpiochip(\\d+)");
    private final Path root;
    private final Supplier<List<Item>> serialPorts;

    Inventory(Path root, Supplier<List<Item>> serialPorts) {
        this.root = root;
        this.serialPorts = serialPorts;
    }

    List<Item> list() {
        List<Item> items = new ArrayList<>(serialPorts.get());
        for (Path p : glob(root.resolve("dev"), "i2c-*")) {
            items.add(new Item("i2c", "/dev/" + p.getFileName(), ""));
        }
        for (Path p : glob(root.resolve("dev"), "gpiochip*")) {
            String name = p.getFileName().toString();
            items.add(new Item("gpio", "/dev/" + name, label(name).map(l -> "label " + l).orElse("no label")));
        }
        for (Path p : glob(root.resolve("dev/input/by-id"), "*")) {
            items.add(new Item("input", "/dev/input/by-id/" + p.getFileName(), ""));
        }
        return items;
    }

    /** The chip's label from sysfs: the bus device first, else the legacy class entry that points at it. */
    Optional<String> label(String chip) {
        Optional<String> direct = read(root.resolve("sys/bus/gpio/devices").resolve(chip).resolve("label"));
        if (direct.isPresent()) {
            return direct;
        }
        for (Path legacy : glob(root.resolve("sys/class/gpio"), "gpiochip*")) {
            Path device = legacy.resolve("device");
            try {
                String target = Files.isSymbolicLink(device) ? Files.readSymbolicLink(device).getFileName().toString()
                        : "";
                Matcher m = CHIP.matcher(target);
                if (m.matches() && target.equals(chip)) {
                    return read(legacy.resolve("label"));
                }
            } catch (IOException e) {
                // unreadable entry: try the next one
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> glob(Path dir, String pattern) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern)) {
            s.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
