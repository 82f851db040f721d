package org.gridgate.passage;

import java.time.Duration;
import org.gridgate.signals.Buzzer;
import org.gridgate.signals.Lights;
import org.gridgate.signals.Lock;

/** The gate's outputs, grouped: what the loop drives after a decision is committed. */
public record Signals(Lock lock, Buzzer buzzer, Lights lights) {
    void granted(Duration release) {
        lock.release(release);
        buzzer.play(Buzzer.Pattern.GRANTED);
        lights.show(Lights.Indication.GRANTED);
    }

    void denied(boolean fever) {
        buzzer.play(fever ? Buzzer.Pattern.FEVER_ALARM : Buzzer.Pattern.DENIED);
        lights.show(fever ? Lights.Indication.ALARM : Lights.Indication.DENIED);
    }

    void waiting() {
        lights.show(Lights.Indication.WAITING);
    }

    void prompt() {
        buzzer.play(Buzzer.Pattern.PROMPT);
    }
}
