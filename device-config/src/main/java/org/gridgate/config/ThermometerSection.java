package org.gridgate.config;

import java.time.Duration;
import org.gridgate.config.ThermometerConfig.Mode;
import org.gridgate.config.ThermometerConfig.Model;

/**
 * The {@code thermometer} section: model and transport must agree (the GY-MCU90614 is a UART board,
 * the bare MLX90614 an I2C part), then the serial or I2C settings of that transport and the
 * calibration.
 */
final class ThermometerSection {
    private ThermometerSection() {}

    static ThermometerConfig read(Section s, Claims claims) {
        String id = s.string("id", "thermometer");
        Model model = s.choice("model", Model.class, Model.GY_MCU90614, true);
        Transport transport = s.choice("transport", Transport.class, Transport.SERIAL, true);
        String port = "";
        int baud = 9600;
        int bus = 1;
        int address = 0x5A;
        Mode mode = Mode.QUERY;
        Duration frameTimeout = ThermometerConfig.DEFAULT_FRAME_TIMEOUT;
        Duration poll = ThermometerConfig.DEFAULT_POLL_INTERVAL;
        switch (transport) {
            case SERIAL, SIMULATED -> {
                if (model == Model.MLX90614 && transport == Transport.SERIAL) {
                    s.problem("transport", "model mlx90614 is an I2C part: use transport i2c");
                }
                port = s.string("port", transport == Transport.SIMULATED ? "sim:" + id : "");
                if (transport == Transport.SERIAL && port.isEmpty()) {
                    s.problem("port", "missing required field");
                }
                baud = (int) s.integer("baud", 9600, 1200, 921_600);
                if (baud != 9600 && baud != 115_200) {
                    s.problem("baud", "the GY-MCU90614 speaks 9600 or 115200 baud, got " + baud);
                }
                mode = s.choice("mode", Mode.class, Mode.QUERY, false);
                frameTimeout = Duration.ofMillis(s.integer("frameTimeoutMs", frameTimeout.toMillis(), 200, 60_000));
                claims.port(s, "port", port);
            }
            case I2C -> {
                if (model != Model.MLX90614) {
                    s.problem("transport", "model gy-mcu90614 is a UART board: use transport serial");
                }
                bus = (int) s.integer("bus", 1, 0, 31);
                address = (int) s.integer("address", 0x5A, 0x03, 0x77);
                poll = Duration.ofMillis(s.integer("pollMs", poll.toMillis(), 50, 10_000));
                claims.port(s, "address", "i2c-" + bus + "@" + address);
            }
            case EVDEV -> s.problem("transport", "a thermometer is reached over serial or i2c");
        }
        Section cal = s.sectionOrEmpty("calibration");
        double offset = cal.decimal("offsetC", 0.0, -5.0, 5.0);
        double k = cal.decimal("k", 0.0, 0.0, 0.5);
        cal.finish();
        s.finish();
        return new ThermometerConfig(id, model, transport, port, baud, mode, bus, address, offset, k, frameTimeout,
                poll);
    }
}
