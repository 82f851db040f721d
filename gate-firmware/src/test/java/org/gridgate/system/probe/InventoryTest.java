package org.gridgate.system.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
    @Test
    void listsNodesWithGpioLabelsFromEitherSysfsPlace(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("dev/input/by-id"));
        Files.createFile(root.resolve("dev/i2c-1"));
        Files.createFile(root.resolve("dev/gpiochip0"));
        Files.createFile(root.resolve("dev/gpiochip4"));
        Files.createFile(root.resolve("dev/gpiochip9"));
        Files.createFile(root.resolve("dev/input/by-id/usb-Scanner_Co_HID-event-kbd"));
        Path bus = Files.createDirectories(root.resolve("sys/bus/gpio/devices/gpiochip4"));
        Files.writeString(bus.resolve("label"), "pinctrl-rp1\n");
        Path legacy = Files.createDirectories(root.resolve("sys/class/gpio/gpiochip512"));
        Files.writeString(legacy.resolve("label"), "pinctrl-bcm2711\n");
        Path chipDevice = Files.createDirectories(root.resolve("sys/devices/platform/soc/gpiochip0"));
        Files.createSymbolicLink(legacy.resolve("device"), chipDevice);

        Inventory inv = new Inventory(root, () -> List.of(new Inventory.Item("serial", "/dev/ttyACM0", "GM65")));
        assertEquals(List.of(
                "  serial /dev/ttyACM0  (GM65)",
                "  i2c    /dev/i2c-1",
                "  gpio   /dev/gpiochip0  (label pinctrl-bcm2711)",
                "  gpio   /dev/gpiochip4  (label pinctrl-rp1)",
                "  gpio   /dev/gpiochip9  (no label)",
                "  input  /dev/input/by-id/usb-Scanner_Co_HID-event-kbd"),
                inv.list().stream().map(Inventory.Item::toString).toList());
    }

    @Test
    void anEmptyMachineListsOnlyItsSerialPorts(@TempDir Path root) {
        assertEquals(List.of(), new Inventory(root, List::of).list());
    }
}
