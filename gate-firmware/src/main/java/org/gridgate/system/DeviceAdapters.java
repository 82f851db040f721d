package org.gridgate.system;

import java.time.Clock;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.scanner.Scanner;
import org.gridgate.scanner.camera.CameraScanner;
import org.gridgate.scanner.evdev.EvdevScanner;
import org.gridgate.scanner.serial.SerialScanner;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.thermometer.i2c.Mlx90614Thermometer;
import org.gridgate.thermometer.serial.GyMcu90614Thermometer;
import org.gridgate.timing.ExecutorScheduler;

/**
 * Picks the adapter for each configured reading device, by model and transport, on the
 * {@link Hardware} given (real ports, or the simulator's). The gate and the technician's probe build
 * their devices here, so both talk to the same adapters.
 */
public final class DeviceAdapters {
    private DeviceAdapters() {
    }

    /** The adapter for the configured thermometer. */
    public static Thermometer thermometer(ThermometerConfig tc, Hardware hw, Clock clock, ExecutorScheduler s)
            throws StartupException {
        return switch (tc.model()) {
            case GY_MCU90614 -> new GyMcu90614Thermometer(tc, hw.serial(), clock, s);
            case MLX90614 -> Mlx90614Thermometer.linuxfs(tc, clock, s);
        };
    }

    /** The adapter for a configured scanner. */
    public static Scanner scanner(ScannerConfig sc, Hardware hw, Clock clock, ExecutorScheduler s)
            throws StartupException {
        if (sc.transport() == Transport.EVDEV) {
            return EvdevScanner.linux(sc, clock, s);
        }
        if (sc.transport() == Transport.CAMERA) {
            return CameraScanner.of(sc, clock, s);
        }
        return new SerialScanner(sc, hw.serial(), clock, s);
    }
}
