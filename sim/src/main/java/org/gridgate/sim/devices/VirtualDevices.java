package org.gridgate.sim.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.GateConfig;
import org.gridgate.config.MaskLineConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.device.ByteLink;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.timing.Scheduler;

/**
 * Plays a config's serial devices over pseudo-terminals: the ones with transport {@code simulated}
 * and the ones named in {@code simulate}; the rest stay real. Each simulated device speaks the real
 * wire protocol through jSerialComm on its {@code dev-<id>} end.
 */
public final class VirtualDevices implements AutoCloseable {
    private final Map<String, PtyPair> pairs = new LinkedHashMap<>();
    private final List<ByteLink> links = new ArrayList<>();
    private SimulatedThermometer thermometer;
    private final Map<ScannerConfig.Direction, SimulatedScanner> scanners = new EnumMap<>(ScannerConfig.Direction.class);
    /** A serial mask detector is a line device: the scanner's line sender plays it. */
    private SimulatedScanner maskLine;
    private MaskLineConfig maskLineConfig;

    private VirtualDevices() {}

    public static VirtualDevices start(GateConfig c, Set<String> simulate, Path dir, String socat, Scheduler timers)
            throws IOException {
        VirtualDevices v = new VirtualDevices();
        try {
            ThermometerConfig t = c.thermometer();
            if (selected(t.id(), t.transport(), simulate)) {
                if (t.model() != ThermometerConfig.Model.GY_MCU90614) {
                    throw new IOException("thermometer " + t.id() + ": only the GY-MCU90614 (serial) can be simulated");
                }
                v.thermometer = new SimulatedThermometer(timers);
                v.thermometer.attach(v.open(socat, dir, t.id(), t.baud()));
            }
            for (ScannerConfig sc : c.scanners()) {
                if (selected(sc.id(), sc.transport(), simulate)) {
                    SimulatedScanner s = new SimulatedScanner(sc.terminator());
                    s.attach(v.open(socat, dir, sc.id(), sc.baud()));
                    v.scanners.put(sc.direction(), s);
                }
            }
            if (c.maskLine().isPresent() && simulate.contains(c.maskLine().get().id())) {
                MaskLineConfig m = c.maskLine().get();
                v.maskLineConfig = m;
                v.maskLine = new SimulatedScanner(m.terminator());
                v.maskLine.attach(v.open(socat, dir, m.id(), m.baud()));
            }
            for (String id : simulate) {
                if (!v.pairs.containsKey(id)) {
                    throw new IOException("--simulate " + id + ": no serial thermometer, scanner or mask line with that id");
                }
            }
            return v;
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
    }

    private static boolean selected(String id, Transport transport, Set<String> simulate) {
        return transport == Transport.SIMULATED || simulate.contains(id);
    }

    private ByteLink open(String socat, Path dir, String id, int baud) throws IOException {
        PtyPair p = PtyPair.start(socat, dir, id);
        pairs.put(id, p);
        ByteLink l = JSerialCommLink.open(p.device().toString(), baud);
        links.add(l);
        return l;
    }

    /** Device id to the path the gate must open. */
    public Map<String, Path> gatePorts() {
        Map<String, Path> m = new LinkedHashMap<>();
        pairs.forEach((id, p) -> m.put(id, p.gate()));
        return m;
    }

    public Optional<SimulatedThermometer> thermometer() {
        return Optional.ofNullable(thermometer);
    }

    public Map<ScannerConfig.Direction, SimulatedScanner> scanners() {
        return Map.copyOf(scanners);
    }

    /**
     * Has the simulated serial mask detector report a mask ({@code present}) or a face without one;
     * false when no mask line is simulated.
     */
    public boolean mask(boolean present) {
        return maskLine != null && maskLine.scan(present ? maskLineConfig.present() : maskLineConfig.absent());
    }

    /** The config with every simulated device moved to serial on its {@code gate-<id>} link. */
    public GateConfig rewire(GateConfig c) {
        ThermometerConfig t = c.thermometer();
        Path tp = pairs.containsKey(t.id()) ? pairs.get(t.id()).gate() : null;
        ThermometerConfig thermo = tp == null ? t : new ThermometerConfig(t.id(), t.model(), Transport.SERIAL,
                tp.toString(), t.baud(), t.mode(), t.i2cBus(), t.i2cAddress(), t.offsetC(), t.k());
        List<ScannerConfig> scs = c.scanners().stream().map(sc -> pairs.containsKey(sc.id())
                ? new ScannerConfig(sc.id(), sc.direction(), Transport.SERIAL, pairs.get(sc.id()).gate().toString(),
                        sc.baud(), sc.terminator(), sc.maxLength())
                : sc).toList();
        GateConfig r = c.withDevices(thermo, scs);
        if (maskLineConfig != null) {
            MaskLineConfig m = maskLineConfig;
            r = r.withMaskLine(Optional.of(new MaskLineConfig(m.id(), pairs.get(m.id()).gate().toString(), m.baud(),
                    m.terminator(), m.present(), m.absent())));
        }
        return r;
    }

    /** The thermometer and scanners sections, rewired, to paste into the config of a gate in another process. */
    public String snippet(GateConfig c) {
        GateConfig r = rewire(c);
        ThermometerConfig t = r.thermometer();
        StringBuilder b = new StringBuilder("thermometer:\n  id: ").append(t.id()).append("\n  model: ")
                .append(lower(t.model())).append("\n  transport: ").append(lower(t.transport())).append("\n  port: ")
                .append(t.port()).append("\n  baud: ").append(t.baud()).append("\n  mode: ").append(lower(t.mode()))
                .append("\n  calibration:\n    offsetC: ").append(t.offsetC()).append("\n    k: ").append(t.k())
                .append("\nscanners:\n");
        for (ScannerConfig sc : r.scanners()) {
            b.append("  - id: ").append(sc.id()).append("\n    direction: ").append(lower(sc.direction()))
                    .append("\n    transport: ").append(lower(sc.transport())).append("\n    port: ").append(sc.port())
                    .append("\n    baud: ").append(sc.baud()).append("\n    terminator: ").append(sc.terminator())
                    .append("\n    maxLength: ").append(sc.maxLength()).append('\n');
        }
        if (maskLineConfig != null) {
            MaskLineConfig m = r.maskLine().orElseThrow();
            b.append("maskLine:\n  id: ").append(m.id()).append("\n  port: ").append(m.port()).append("\n  baud: ")
                    .append(m.baud()).append("\n  terminator: ").append(m.terminator()).append("\n  present: ")
                    .append(m.present()).append("\n  absent: ").append(m.absent()).append('\n');
        }
        return b.toString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public void close() {
        if (thermometer != null) {
            thermometer.detach();
        }
        scanners.values().forEach(SimulatedScanner::detach);
        if (maskLine != null) {
            maskLine.detach();
        }
        links.forEach(ByteLink::close);
        pairs.values().forEach(PtyPair::close);
    }
}
