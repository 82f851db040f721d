package org.gridgate.resident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridgate.passage.Reason;

/** Every phrase the resident outputs can show or say; docs/resident.md and the voice clips follow it. */
public final class Phrases {
    private Phrases() {}

    /** The screens' headlines and details, then each distinct next step: what the voice can say. */
    public static List<Phrase> spoken() {
        Set<Phrase> out = new LinkedHashSet<>();
        for (Screen s : Screen.values()) {
            out.add(s.headline());
            out.add(s.detail());
        }
        for (Reason r : Reason.values()) {
            NextSteps.of(r).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    /** Which clips a view plays, in order: silent on the resting screens the person did not cause. */
    public static List<Phrase> prompt(ResidentView v) {
        Screen s = v.screen();
        return switch (s) {
            case IDLE, LOCKDOWN, CODE_READ -> List.of();
            case GRANTED, STEP_CLOSER, WEAR_MASK -> List.of(s.headline());
            case MEASURING, INCOMPLETE -> List.of(s.detail());
            case DENIED, FEVER -> {
                List<Phrase> p = new ArrayList<>();
                p.add(s.headline());
                p.addAll(v.steps());
                yield p;
            }
            case EXIT_ONLY, EMERGENCY, GATE_CLOSED, DEVICE_FAULT -> List.of(s.headline(), s.detail());
        };
    }
}
