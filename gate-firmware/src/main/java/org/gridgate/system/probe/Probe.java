package org.gridgate.system.probe;

import com.fazecast.jSerialComm.SerialPort;
import com.pi4j.context.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.signals.serial.SerialMaskLine;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.signals.gpio.Pi4jContexts;
import org.gridgate.system.ExitCodes;
import org.gridgate.system.DeviceAdapters;
import org.gridgate.system.Hardware;
import org.gridgate.system.StartupException;
import org.gridgate.thermometer.i2c.Mlx90614Emissivity;
import org.gridgate.timing.ExecutorScheduler;

/**
 * The technician's self-test: {@code probe --config FILE [--outputs] [--timeout S] [--emissivity E]}.
 * Lists the machine's device nodes, then exercises every configured device through the same
 * adapters the gate uses. Exit 0 if every required device is OK, 69 if one is not, 78 for a bad
 * config, 64 for bad arguments.
 */
public final class Probe {
    static final String USAGE = "probe --config FILE [--outputs] [--timeout S] [--emissivity E] [--no-inputs]";

    record Options(Path config, boolean outputs, Duration timeout, Optional<Double> emissivity, boolean inputs) {
        Options(Path config, boolean outputs, Duration timeout, Optional<Double> emissivity) {
            this(config, outputs, timeout, emissivity, true);
        }
    }

    private Probe() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("gridgate: " + e.getMessage());
            err.println("usage: " + USAGE);
            return ExitCodes.USAGE;
        }
        // The probe says what passed and what failed itself; Pi4J's start-up chatter (plugins it
        // cannot load on this board, board detection) would bury that.
        org.gridgate.system.logging.Logging.setup(java.util.logging.Level.WARNING);
        org.gridgate.system.logging.Logging.silence("com.pi4j");
        GateConfig config;
        try {
            config = ConfigLoader.load(o.config());
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return ExitCodes.CONFIG;
        }
        out.println("devices on this machine:");
        new Inventory(Path.of("/"), Probe::serialPorts).list().forEach(out::println);
        try {
            return probe(config, o, Hardware.real(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        }
    }

    static Options parse(List<String> args) {
        Path config = null;
        boolean outputs = false;
        boolean inputs = true;
        Duration timeout = Duration.ofSeconds(10);
        Optional<Double> emissivity = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--outputs" -> outputs = true;
                case "--no-inputs" -> inputs = false;
                case "--config", "--timeout", "--emissivity" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args.get(++i);
                    try {
                        switch (a) {
                            case "--config" -> config = Path.of(v);
                            case "--timeout" -> timeout = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                            default -> emissivity = Optional.of(Double.parseDouble(v));
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(a + " needs a number, got '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown probe option '" + a + "'");
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("probe needs --config FILE");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        return new Options(config, outputs, timeout, emissivity, inputs);
    }

    static int probe(GateConfig config, Options o, Hardware hardware, PrintStream out) throws InterruptedException {
        List<Outcome> results = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("probe-timers")) {
            ThermometerConfig tc = config.thermometer();
            if (o.emissivity().isPresent()) {
                results.add(emissivity(tc, o.emissivity().get(), scheduler));
            }
            long s = o.timeout().toSeconds();
            if (tc.transport() == Transport.SIMULATED) {
                results.add(Outcome.skip(tc.id(), "transport simulated: played by the simulator"));
            } else {
                progress(out, tc.id() + ": asking for a reading on " + where(tc.port(), tc.transport()) + " (up to " + s
                        + " s; hold a hand in front of it)...");
                results.add(said(out, check(tc.id(), () -> DeviceChecks.thermometer(
                        DeviceAdapters.thermometer(tc, hardware, clock, scheduler), o.timeout(), scheduler))));
            }
            for (ScannerConfig sc : config.scanners()) {
                if (sc.transport() == Transport.SIMULATED) {
                    results.add(Outcome.skip(sc.id(), "transport simulated: played by the simulator"));
                } else {
                    progress(out, sc.id() + ": present a code to the " + sc.direction().name().toLowerCase(
                            java.util.Locale.ROOT) + " scanner now (within " + s + " s)...");
                    results.add(said(out, check(sc.id(), () -> DeviceChecks.scanner(
                            DeviceAdapters.scanner(sc, hardware, clock, scheduler), o.timeout(), scheduler))));
                }
            }
            if (config.maskLine().isPresent()) {
                var m = config.maskLine().get();
                progress(out, m.id() + ": stand in front of the mask detector (within " + s + " s)...");
                results.add(said(out, check(m.id(), () -> DeviceChecks.maskLine(
                        new SerialMaskLine(m, hardware.serial(), clock, scheduler), o.timeout()))));
            }
            if (!o.inputs()) {
                results.add(Outcome.skip("inputs", "door, exit button and mask input not tested (--no-inputs)"));
            } else if (config.gpio().provider() == org.gridgate.config.GpioConfig.Provider.MOCK) {
                results.add(Outcome.skip("inputs", "gpio.provider mock: no pins to test"));
            } else {
                results.addAll(inputs(config, hardware, o.timeout(), out, clock, scheduler));
            }
            if (o.outputs()) {
                results.addAll(outputs(config, hardware, scheduler));
            } else {
                results.add(Outcome.skip("outputs", "lock, buzzer and lights not pulsed (add --outputs)"));
            }
        }
        out.println("devices in the config:");
        results.forEach(r -> out.println("  " + r));
        boolean allOk = results.stream().noneMatch(r -> r.verdict() == Outcome.Verdict.FAIL);
        out.println(allOk ? "all required devices OK" : "some required devices FAILED");
        return allOk ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }

    private static void progress(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    private static Outcome said(PrintStream out, Outcome o) {
        progress(out, "  " + o);
        return o;
    }

    private static String where(String port, Transport t) {
        return t == Transport.I2C ? "I2C" : port;
    }

    private static List<Outcome> inputs(GateConfig config, Hardware hardware, Duration timeout, PrintStream out,
            Clock clock, ExecutorScheduler scheduler) throws InterruptedException {
        Context ctx;
        try {
            ctx = hardware.gpio().apply(config.gpio());
        } catch (RuntimeException e) {
            return List.of(Outcome.fail("gpio", "cannot open GPIO: " + e.getMessage()));
        }
        try {
            List<Outcome> results = InputChecks.run(ctx, config.gpio(), timeout, out, clock, scheduler);
            results.forEach(r -> progress(out, "  " + r));
            return results;
        } catch (RuntimeException e) {
            return List.of(Outcome.fail("inputs", "cannot read the inputs: " + e.getMessage()));
        } finally {
            ctx.shutdown();
        }
    }

    private interface Check {
        Outcome run() throws InterruptedException, StartupException;
    }

    private static Outcome check(String id, Check c) throws InterruptedException {
        try {
            return c.run();
        } catch (StartupException | RuntimeException e) {
            return Outcome.fail(id, e.getMessage());
        }
    }

    private static List<Outcome> outputs(GateConfig config, Hardware hardware, ExecutorScheduler scheduler)
            throws InterruptedException {
        Context ctx;
        try {
            ctx = hardware.gpio().apply(config.gpio());
        } catch (RuntimeException e) {
            return List.of(Outcome.fail("gpio", "cannot open GPIO: " + e.getMessage()));
        }
        try {
            return OutputChecks.pulse(ctx, config.gpio(), scheduler);
        } finally {
            ctx.shutdown();
        }
    }

    private static Outcome emissivity(ThermometerConfig tc, double value, ExecutorScheduler scheduler) {
        String id = tc.id() + " emissivity";
        if (tc.model() != ThermometerConfig.Model.MLX90614 || tc.transport() != Transport.I2C) {
            return Outcome.fail(id, "only an MLX90614 on I2C has a settable emissivity");
        }
        try (Mlx90614Emissivity e = Mlx90614Emissivity.linuxfs(tc, scheduler)) {
            double before = e.read();
            double after = e.write(value).get(5, TimeUnit.SECONDS);
            return Outcome.ok(id, String.format("%.4f -> %.4f (takes effect after a power cycle)", before, after));
        } catch (IOException | IllegalArgumentException | TimeoutException e) {
            return Outcome.fail(id, e.getMessage());
        } catch (ExecutionException e) {
            return Outcome.fail(id, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.fail(id, "interrupted");
        }
    }

    static List<Inventory.Item> serialPorts() {
        List<Inventory.Item> items = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            items.add(new Inventory.Item("serial", p.getSystemPortPath(), p.getPortDescription()));
        }
        return items;
    }
}
