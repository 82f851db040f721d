package org.gridgate.sim.devices;

import com.pi4j.context.Context;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.gpio.Pi4jContexts;
import org.gridgate.system.Hardware;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridgate.device.ByteLink;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.gpio.GpioInputs;
import org.gridgate.signals.gpio.GpioLock;

/**
 * The bench's hardware: serial devices on in-process pipes (the gate's real adapters read the real
 * wire format from them) and GPIO on Pi4J's mock provider, driven as a person would drive the pins.
 */
public final class SimulatedHardware implements ByteLinkFactory {
    private final Map<String, DeviceEnd> devices = new ConcurrentHashMap<>();
    private final Map<String, Boolean> unplugged = new ConcurrentHashMap<>();
    private volatile Context gpio;

    /** Plugs a simulated device in at {@code port} (e.g. {@code sim:thermo-1}). */
    public void plug(String port, DeviceEnd device) {
        devices.put(port, device);
    }

    @Override
    public ByteLink open(String port, int baud) throws IOException {
        DeviceEnd d = devices.get(port);
        if (d == null) {
            throw new IOException("no simulated device at " + port);
        }
        if (unplugged.getOrDefault(port, false)) {
            throw new IOException(port + " is unplugged");
        }
        PipeLink[] pair = PipeLink.pair(port);
        d.attach(pair[1]);
        return pair[0];
    }

    /** Pulls the device's plug; it stays out until {@link #replug}. */
    public void unplug(String port) {
        unplugged.put(port, true);
        DeviceEnd d = devices.get(port);
        if (d != null) {
            d.detach();
        }
    }

    public void replug(String port) {
        unplugged.put(port, false);
    }

    /** The gate's Pi4J context, once the composition root has created it. */
    /**
     * Plugs {@code thermometer} into the config's thermometer port and a line scanner into every
     * configured scanner's (a scanner left unplugged would be a device-fault alarm).
     *
     * @return the scanners by direction
     */
    public java.util.Map<org.gridgate.config.ScannerConfig.Direction, SimulatedScanner> plugDevices(
            org.gridgate.config.GateConfig config, SimulatedThermometer thermometer) {
        plug(config.thermometer().port(), thermometer);
        java.util.Map<org.gridgate.config.ScannerConfig.Direction, SimulatedScanner> scanners =
                new java.util.EnumMap<>(org.gridgate.config.ScannerConfig.Direction.class);
        for (org.gridgate.config.ScannerConfig sc : config.scanners()) {
            SimulatedScanner s = new SimulatedScanner(sc.terminator());
            plug(sc.port(), s);
            scanners.put(sc.direction(), s);
        }
        return scanners;
    }

    /**
     * These devices as the gate's {@link Hardware}: serial ports from here, GPIO on Pi4J's mock
     * provider (whatever the config names) wired to this object's inputs and lock pin.
     */
    public Hardware hardware() {
        return hardware(this);
    }

    /** As {@link #hardware()}, with serial ports from elsewhere (pseudo-terminals, say). */
    public Hardware hardware(ByteLinkFactory serial) {
        return new Hardware(serial, config -> {
            Context ctx = Pi4jContexts.create(GpioConfig.Provider.MOCK);
            gpio(ctx);
            return ctx;
        });
    }

    public void gpio(Context context) {
        this.gpio = context;
    }

    /** Drives an input the way the wiring would: asserted = the signal is active. */
    public void input(GateInput.Kind kind, boolean asserted, boolean activeLow) {
        MockDigitalInput in = (MockDigitalInput) gpio.registry().get(GpioInputs.ioId(kind));
        in.mockState(asserted != activeLow ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** The lock output's pin level as a meter would read it. */
    public DigitalState lockPin() {
        return ((DigitalOutput) gpio.registry().get(GpioLock.IO_ID)).state();
    }
}
