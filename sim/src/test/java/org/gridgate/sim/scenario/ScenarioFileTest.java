package org.gridgate.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.gridgate.passage.Outcome;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    @Test
    void readsStepsWithDefaultsAndExpectations() throws Exception {
        Scenario s = ScenarioFile.parse("t.yaml", """
                name: t
                roster: [ { subject: V-1, kind: visitor, validFrom: -1, validTo: 2 } ]
                steps:
                  - present: { subject: V-1, kind: visitor, skin: 37.0 }
                    repeat: 3
                    expect: { decision: denied, reasons: [fever], alarm: fever }
                  - unplug: thermo-1
                  - broker: down
                  - delivered: all
                """);
        assertEquals(4, s.steps().size());
        Scenario.Step.Present p = assertInstanceOf(Scenario.Step.Present.class, s.steps().get(0));
        assertEquals(3, p.times());
        assertEquals(37.0, p.person().skinC());
        assertEquals(22.0, p.person().ambientC());
        assertEquals(new Scenario.Expect(Optional.of(Outcome.DENIED), Optional.of(List.of("fever")),
                Optional.of("fever")), p.expect());
        assertEquals(-1, s.roster().get(0).validFromDays());
    }

    @Test
    void problemsNameTheFileAndTheField() {
        assertEquals("t.yaml: steps[0].present.skin: expected a number, got 'hot'", assertThrows(
                ScenarioFile.Invalid.class, () -> ScenarioFile.parse("t.yaml",
                        "steps: [ { present: { subject: R-1, skin: hot } } ]")).getMessage());
        assertEquals("t.yaml: steps[0].present.color: unknown key (expected one of [ambient, code, colour, direction, "
                + "expired, forged, kind, mask, skin, subject, valid])", assertThrows(ScenarioFile.Invalid.class,
                () -> ScenarioFile.parse("t.yaml", "steps: [ { present: { subject: R-1, color: red } } ]"))
                .getMessage());
        assertEquals("t.yaml: steps[0].broker: up or down, not 'sideways'", assertThrows(ScenarioFile.Invalid.class,
                () -> ScenarioFile.parse("t.yaml", "steps: [ { broker: sideways } ]")).getMessage());
        assertEquals("t.yaml: steps: a scenario needs at least one step", assertThrows(ScenarioFile.Invalid.class,
                () -> ScenarioFile.parse("t.yaml", "name: empty")).getMessage());
    }
}
