package org.gridgate.system.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.gpio.Pi4jContexts;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;

/** The probe's input checks on Pi4J's mock provider: the "technician" acts when the probe asks. */
class InputChecksTest {
    @Test
    void asksForEachInputAndReportsTheEdgesItSaw() throws Exception {
        GpioConfig gpio = new GpioConfig(GpioConfig.Provider.MOCK, new GpioConfig.Lock(4, true, GpioConfig.SafeState.LOCKED),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new GpioConfig.Input(5, true, 0)), Optional.of(new GpioConfig.Input(6, true, 0)),
                Optional.empty(), 0);
        Context ctx = Pi4jContexts.create(GpioConfig.Provider.MOCK);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        // The technician: opens and closes the door when asked; never presses the exit button.
        OutputStream technician = new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                said.write(b);
                if (b != '\n') {
                    line.append((char) b);
                    return;
                }
                String l = line.toString();
                if (l.startsWith("door: reads open now") || l.startsWith("exit-button: reads pressed now")) {
                    // the mock's pins start low, which an active-low input reads as asserted: idle them
                    ((MockDigitalInput) ctx.registry().get(l.substring(0, l.indexOf(':')))).mockState(DigitalState.HIGH);
                }
                if (l.startsWith("door: open the door now")) {
                    MockDigitalInput door = (MockDigitalInput) ctx.registry().get("door");
                    door.mockState(DigitalState.LOW); // active low: the contact opens
                    door.mockState(DigitalState.HIGH);
                }
                line.setLength(0);
            }
        };
        try (ExecutorScheduler scheduler = new ExecutorScheduler("probe-test")) {
            List<Outcome> r = InputChecks.run(ctx, gpio, Duration.ofMillis(800),
                    new PrintStream(technician, true, StandardCharsets.UTF_8), Clock.systemUTC(), scheduler);
            String out = said.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("door: open the door now (within 1 s)..."), out);
            assertTrue(out.contains("exit-button: press the exit button now"), out);
            assertEquals(Outcome.ok("door", "GPIO 5 opened, then back"), r.get(0));
            assertEquals(Outcome.Verdict.FAIL, r.get(1).verdict());
            assertTrue(r.get(1).detail().contains("GPIO 6 did not change"), r.get(1).detail());
            assertEquals(Outcome.skip("mask-detector", "not in the config"), r.get(2));
        } finally {
            ctx.shutdown();
        }
    }
}
